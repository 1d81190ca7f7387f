#!/usr/bin/env bash
# Mutation testing of the security-critical libraries with Stryker.NET (issue 20).
#
#   tools/quality/mutation.sh                 # all five libraries
#   tools/quality/mutation.sh CrmMail.Signing # one library
#
# Each library is mutated against every test project that exercises it (each of those test
# projects references the library directly, which Stryker requires). The shared settings are
# in stryker-config.json beside this script; the HTML and JSON reports are kept under
# artifacts/mutation/<library>/. Slow (tens of minutes per library on a small machine): it is
# NOT part of .ci/run. Equivalent mutants are listed in equivalent-mutants.md beside this script.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
config="$root/tools/quality/stryker-config.json"
out_root="$root/artifacts/mutation"

# library -> "mutate filter|test projects (space-separated, relative to tests/)"
declare -A plan=(
  [CrmMail.Signing]="**/*.cs|CrmMail.Signing.Tests CrmMail.Functions.Unsubscribe.Tests CrmMail.Functions.SendMail.Tests"
  [CrmMail.Inbound]="**/*.cs|CrmMail.Functions.MailgunWebhook.Tests CrmMail.Functions.MailtoUnsubscribe.Tests"
  [CrmMail.Subscriptions]="**/*.cs|CrmMail.Subscriptions.Tests CrmMail.Functions.Unsubscribe.Tests CrmMail.Functions.AddContact.Tests CrmMail.Functions.SendMail.Tests"
  [CrmMail.Identity]="**/*.cs|CrmMail.Identity.Tests CrmMail.Functions.AddContact.Tests"
  [CrmMail.Mail]="**/Validation/**/*.cs|CrmMail.Functions.SendMail.Tests"
)
order=(CrmMail.Signing CrmMail.Inbound CrmMail.Subscriptions CrmMail.Identity CrmMail.Mail)

if [[ $# -gt 0 ]]; then
  for lib in "$@"; do
    [[ -n "${plan[$lib]:-}" ]] || { echo "unknown library: $lib (one of: ${order[*]})" >&2; exit 2; }
  done
  order=("$@")
fi

cd "$root"
dotnet tool restore >/dev/null

for lib in "${order[@]}"; do
  IFS='|' read -r mutate tests <<<"${plan[$lib]}"
  args=()
  for t in $tests; do args+=(--test-project "$root/tests/$t/$t.csproj"); done
  out="$out_root/$lib"
  rm -rf "$out"
  echo "== $lib against: $tests"
  # Stryker runs from the library's directory so that it mutates that project.
  (cd "$root/layers/$lib" && dotnet dotnet-stryker \
      --config-file "$config" \
      --project "$lib.csproj" \
      --mutate "$mutate" \
      --output "$out" \
      "${args[@]}")
done

echo
python3 "$root/tools/quality/mutation_table.py" "$out_root" "${order[@]}"
