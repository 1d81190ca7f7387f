#!/usr/bin/env bash
# Signed CloudFront URLs per second on one core, beside `openssl speed` measured in the same run.
# Usage: tools/bench/signing.sh        (prints a Markdown table for the README)
#
# This runs on shared VMs whose speed drifts by 10-20% over minutes, so each algorithm is
# measured as a pair in one time window: `openssl speed` just before and just after its own
# BenchmarkDotNet run, and the ratio is ours against the mean of those two openssl runs.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
fixtures=$(cd "$root/../shared/fixtures" && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

echo "command: tools/bench/signing.sh  ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(openssl version | cut -d' ' -f1-2), dotnet $(dotnet --version))" >&2
dotnet build -c Release "$root/tests/Benchmarks" >"$out/build.log" 2>&1 || { cat "$out/build.log" >&2; exit 1; }

# method, openssl algorithm
for pair in RsaSha1:rsa2048 RsaSha256:rsa2048 EcdsaP256:ecdsap256; do
  method=${pair%%:*} algorithm=${pair##*:}
  # openssl speed: single process, one core.
  openssl speed -seconds 5 "$algorithm" 2>/dev/null > "$out/$method.openssl.txt"
  # BenchmarkDotNet: one thread, JSON export.
  CRM_MAIL_FIXTURES="$fixtures" dotnet run --no-build -c Release --project "$root/tests/Benchmarks" -- \
    --filter "*SignedUrlBenchmarks.$method" --exporters json --artifacts "$out/$method.bdn" >"$out/$method.bdn.log" 2>&1 \
    || { cat "$out/$method.bdn.log" >&2; exit 1; }
  openssl speed -seconds 5 "$algorithm" 2>/dev/null >> "$out/$method.openssl.txt"
done

python3 - "$out" <<'PY'
import glob, json, re, sys
out = sys.argv[1]
rows = [("RSA-SHA1", "RsaSha1", r"rsa 2048 bits", "0.95"), ("RSA-SHA256", "RsaSha256", r"rsa 2048 bits", "0.95"),
        ("ECDSA P-256", "EcdsaP256", r"256 bits ecdsa \(nistp256\)", "0.90")]
print("Command: `tools/bench/signing.sh` (BenchmarkDotNet median, one thread; openssl speed, one process, "
      "the mean of a run just before and one just after each algorithm's BenchmarkDotNet run)\n")
print("| algorithm | crm-mail URLs/s | openssl sign/s (before / after) | ratio | goal |")
print("|---|---:|---:|---:|---:|")
for name, method, pattern, goal in rows:
    runs = [float(m) for m in re.findall(pattern + r"\s+\S+\s+\S+\s+([\d.]+)", open(f"{out}/{method}.openssl.txt").read())]
    assert len(runs) == 2, (method, runs)
    report = json.load(open(glob.glob(f"{out}/{method}.bdn/results/*.json")[0]))
    ours = 1e9 / report["Benchmarks"][0]["Statistics"]["Median"]
    baseline = sum(runs) / 2
    print(f"| {name} | {ours:,.0f} | {baseline:,.0f} ({runs[0]:,.0f} / {runs[1]:,.0f}) | {ours / baseline:.2f} | {goal} |")
PY
