#!/usr/bin/env bash
# The campaign engine measured (issue 16): planner and senders as `serve` runs them (the queue
# stand-in, the local table), against a simulated SES (30 ms a call, throttling above the
# configured rate). Prints the command, a throughput table (recipients/s against the rate, CPU
# µs per recipient) and one large campaign with faults injected (throttling, 5xx, duplicate
# deliveries, senders killed mid-batch), counting recipients sent twice and lost.
# Usage: tools/bench/campaign.sh [--recipients N] [--rates 50,100,...] [--seconds S] [--fault-rate R] [--skip-throughput] [--skip-faults]
# Exit status 1 when any recipient was sent twice or lost, or the campaign did not complete.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

echo "command: tools/bench/campaign.sh $*  ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), dotnet $(dotnet --version))"
dotnet build -c Release "$root/tests/CrmMail.CampaignBench" >"$out/build.log" 2>&1 || { cat "$out/build.log" >&2; exit 1; }
dotnet "$root/tests/CrmMail.CampaignBench/bin/Release/net10.0/CrmMail.CampaignBench.dll" "$@"
