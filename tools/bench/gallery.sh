#!/usr/bin/env bash
# A gallery page's signing cost: one wildcard custom policy per page (the gallery's way) against
# one canned signature per image, at 100 and 1,000 images, RSA-SHA1 on one thread.
# Usage: tools/bench/gallery.sh        (prints a Markdown table for the README)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
fixtures=$(cd "$root/../shared/fixtures" && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

echo "command: tools/bench/gallery.sh  ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, dotnet $(dotnet --version))" >&2
dotnet build -c Release "$root/tests/Benchmarks" >"$out/build.log" 2>&1 || { cat "$out/build.log" >&2; exit 1; }
CRM_MAIL_FIXTURES="$fixtures" dotnet run --no-build -c Release --project "$root/tests/Benchmarks" -- \
  --filter "*GalleryPageBenchmarks*" --exporters json --artifacts "$out/bdn" >"$out/bdn.log" 2>&1 \
  || { cat "$out/bdn.log" >&2; exit 1; }

python3 - "$out" <<'PY'
import glob, json, sys
report = json.load(open(glob.glob(f"{sys.argv[1]}/bdn/results/*GalleryPageBenchmarks*-report-full-compressed.json")[0]))
rows = {}
for b in report["Benchmarks"]:
    rows[(b["Method"], b["Parameters"])] = b["Statistics"]["Median"]
print("Command: `tools/bench/gallery.sh` (BenchmarkDotNet median, one thread, RSA-SHA1)\n")
print("| images | one canned signature per image | one wildcard policy per page | ratio |")
print("|---:|---:|---:|---:|")
for images in (100, 1000):
    canned = rows[("CannedPerImage", f"Images={images}")]
    wildcard = rows[("WildcardPerPage", f"Images={images}")]
    print(f"| {images:,} | {canned / 1e6:,.2f} ms | {wildcard / 1e6:,.3f} ms | {canned / wildcard:,.0f}x |")
PY
