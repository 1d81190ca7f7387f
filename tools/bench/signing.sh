#!/usr/bin/env bash
# Signed CloudFront URLs per second on one core, beside `openssl speed` measured in the same run.
# Usage: tools/bench/signing.sh        (prints a Markdown table for the README)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
fixtures=$(cd "$root/../shared/fixtures" && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

echo "command: tools/bench/signing.sh  ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(openssl version | cut -d' ' -f1-2), dotnet $(dotnet --version))" >&2
# openssl speed: single process, one core; run before and after, and the faster run is the
# baseline (a conservative ratio on a noisy shared machine).
openssl speed -seconds 5 rsa2048 ecdsap256 2>/dev/null > "$out/openssl.txt"
# BenchmarkDotNet: one thread, JSON export.
CRM_MAIL_FIXTURES="$fixtures" dotnet run -c Release --project "$root/tests/Benchmarks" -- \
  --filter '*SignedUrlBenchmarks*' --exporters json --artifacts "$out/bdn" >"$out/bdn.log" 2>&1 \
  || { cat "$out/bdn.log" >&2; exit 1; }
openssl speed -seconds 5 rsa2048 ecdsap256 2>/dev/null >> "$out/openssl.txt"

python3 - "$out" <<'PY'
import glob, json, re, sys
out = sys.argv[1]
text = open(f"{out}/openssl.txt").read()
rsa = max(float(m) for m in re.findall(r"rsa 2048 bits\s+\S+\s+\S+\s+([\d.]+)", text))
ec = max(float(m) for m in re.findall(r"256 bits ecdsa \(nistp256\)\s+\S+\s+\S+\s+([\d.]+)", text))
report = json.load(open(glob.glob(f"{out}/bdn/results/*.json")[0]))
ours = {b["Method"]: 1e9 / b["Statistics"]["Median"] for b in report["Benchmarks"]}
rows = [("RSA-SHA1", "RsaSha1", rsa, "0.95"), ("RSA-SHA256", "RsaSha256", rsa, "0.95"), ("ECDSA P-256", "EcdsaP256", ec, "0.90")]
print("Command: `tools/bench/signing.sh` (BenchmarkDotNet median, one thread; openssl speed, one process, best of two runs)\n")
print("| algorithm | crm-mail URLs/s | openssl sign/s | ratio | goal |")
print("|---|---:|---:|---:|---:|")
for name, method, base, goal in rows:
    print(f"| {name} | {ours[method]:,.0f} | {base:,.0f} | {ours[method]/base:.2f} | {goal} |")
PY
