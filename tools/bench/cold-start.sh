#!/usr/bin/env bash
# Cold start and footprint of every function: `crm-mail invoke` 20 times per function for the
# Native-AOT binary and for the JIT build, each a fresh process answering one event that needs
# no AWS call (moto stands in for the one secret MailgunWebhook reads at init).
# Usage: tools/bench/cold-start.sh [RUNS]      (prints a Markdown table for the README)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
runs=${1:-20}
out=$(mktemp -d)
moto_pid=
cleanup() { [ -n "$moto_pid" ] && kill "$moto_pid" 2>/dev/null || true; rm -rf "$out"; }
trap cleanup EXIT
echo "command: tools/bench/cold-start.sh $runs  ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, dotnet $(dotnet --version))" >&2

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
moto_server -H 127.0.0.1 -p "$port" >"$out/moto.log" 2>&1 &
moto_pid=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/moto-api/data.json" >/dev/null && break; sleep 0.1; done
export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_REGION=us-east-1 AWS_ENDPOINT_URL="http://127.0.0.1:$port"
python3 -c "import boto3,os; boto3.client('secretsmanager', endpoint_url=os.environ['AWS_ENDPOINT_URL'], region_name='us-east-1').create_secret(Name='webhook-key', SecretString='key-0123')"
export SES_CONTACT_LIST_NAME=dn-contacts TOKEN_KEYS_TABLE=token-keys AUDIT_TABLE=audit CONTACT_LEASE_TABLE=contact-leases IDEMPOTENCY_TABLE=idempotency EVENTS_TABLE=events \
  PII_HASH_KEY=$(head -c 32 /dev/urandom | base64) UNSUBSCRIBE_BASE_URL=https://api.example.com/prod UNSUBSCRIBE_MAILBOX=unsubscribe@mail.example.com \
  REPORTS_BUCKET=reports CLOUDFRONT_DOMAIN=d111111abcdef8.cloudfront.net CLOUDFRONT_PRIVATE_KEY_SECRET=cloudfront-key \
  UNSUBSCRIBE_CONFIRMATION_URL=https://crm.example.com/unsubscribed FIREBASE_PROJECT_ID=dn-crm MAILGUN_WEBHOOK_SIGNING_KEY_SECRET=webhook-key \
  AWS_LAMBDA_LOG_LEVEL=ERROR

api() { printf '{"resource":"%s","path":"%s","httpMethod":"%s","headers":{"Content-Type":"application/json"},"multiValueHeaders":null,"queryStringParameters":%s,"multiValueQueryStringParameters":null,"pathParameters":null,"stageVariables":null,"requestContext":{"requestId":"r1","identity":{"sourceIp":"127.0.0.1","userAgent":"bench"}},"body":"not json","isBase64Encoded":false}' "$1" "$1" "$2" "$3"; }
api /send-mail POST null >"$out/SendMail.json"
api /financial/unsubscribe GET '{"data":"garbage"}' >"$out/Unsubscribe.json"
api /financial/add-contact POST null >"$out/AddContact.json"
api /outreach/webhook POST null >"$out/MailgunWebhook.json"
cp "$root/../shared/fixtures/events/sns-notification.aws-lambda-dotnet.json" "$out/MailtoUnsubscribe.json"

cd "$root"
dotnet build tools/Cli -c Release -nologo -v:q >/dev/null
cli="dotnet tools/Cli/bin/Release/net10.0/crm-mail.dll"
for fn in SendMail Unsubscribe AddContact MailtoUnsubscribe MailgunWebhook; do
  $cli invoke "$fn" --event "$out/$fn.json" >/dev/null 2>"$out/prepare-$fn.log" || { cat "$out/prepare-$fn.log" >&2; exit 1; }
  $cli invoke "$fn" --event "$out/$fn.json" --in-process >/dev/null 2>>"$out/prepare-$fn.log" || { cat "$out/prepare-$fn.log" >&2; exit 1; }
  for i in $(seq 1 "$runs"); do
    $cli invoke "$fn" --event "$out/$fn.json" --binary "artifacts/publish/$fn/bootstrap" 2>&1 >/dev/null | grep 'first_response_ms=' >>"$out/aot-$fn.txt" || true
    $cli invoke "$fn" --event "$out/$fn.json" --in-process 2>&1 >/dev/null | grep 'first_response_ms=' >>"$out/jit-$fn.txt" || true
  done
done

python3 - "$out" "$root" "$runs" <<'PY'
import os, re, statistics, sys
out, root, runs = sys.argv[1], sys.argv[2], sys.argv[3]
def read(path):
    rows = [l for l in open(path)] if os.path.exists(path) else []
    ms = [float(re.search(r"first_response_ms=([\d.]+)", l).group(1)) for l in rows]
    rss = [float(re.search(r"peak_rss_mb=([\d.]+)", l).group(1)) for l in rows]
    return statistics.median(ms), statistics.median(rss), len(rows)
def size(path): return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(path) for f in fs) / 1048576
print(f"Command: `tools/bench/cold-start.sh {runs}` (medians of {runs} fresh processes; time from process start to the first response)\n")
print("| function | AOT first response | JIT first response | JIT / AOT | AOT peak RSS | JIT peak RSS | AOT binary | JIT build output |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
for fn in ["SendMail", "Unsubscribe", "AddContact", "MailtoUnsubscribe", "MailgunWebhook"]:
    a_ms, a_rss, an = read(f"{out}/aot-{fn}.txt"); j_ms, j_rss, jn = read(f"{out}/jit-{fn}.txt")
    aot_size = os.path.getsize(f"{root}/artifacts/publish/{fn}/bootstrap") / 1048576
    jit_size = size(f"{root}/functions/{fn}/bin/Release/net10.0/linux-x64")
    print(f"| {fn} | {a_ms:.0f} ms | {j_ms:.0f} ms | {j_ms / a_ms:.1f}x | {a_rss:.1f} MB | {j_rss:.1f} MB | {aot_size:.1f} MB | {jit_size:.1f} MB |")
PY
