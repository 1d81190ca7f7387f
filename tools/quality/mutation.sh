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
#
# Stryker copies the mutated library over the library in each test project's bin/Release (and
# puts it back only when it finishes normally); the script restores the compiler's own output
# after each library whatever happened (also on failure or Ctrl-C), so a later
# `dotnet test -c Release` never runs mutated code. STRYKER_CONCURRENCY overrides the config's
# concurrency (1) on a machine with cores to spare.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
config="$root/tools/quality/stryker-config.json"
out_root="$root/artifacts/mutation"

# library -> "mutate filter|test projects (space-separated, relative to tests/)"
declare -A plan=(
  [CrmMail.Signing]="**/*.cs|CrmMail.Signing.Tests CrmMail.Functions.Unsubscribe.Tests CrmMail.Functions.SendMail.Tests"
  # Inbound also holds the SES event parser and flow (SesEvents.Tests) and the statistics and
  # tracking-data readers (OutreachStats.Tests), added after the issue's first table.
  [CrmMail.Inbound]="**/*.cs|CrmMail.Functions.MailgunWebhook.Tests CrmMail.Functions.MailtoUnsubscribe.Tests CrmMail.Functions.SesEvents.Tests CrmMail.Functions.OutreachStats.Tests"
  [CrmMail.Subscriptions]="**/*.cs|CrmMail.Subscriptions.Tests CrmMail.Functions.Unsubscribe.Tests CrmMail.Functions.AddContact.Tests CrmMail.Functions.SendMail.Tests"
  [CrmMail.Identity]="**/*.cs|CrmMail.Identity.Tests CrmMail.Functions.AddContact.Tests"
  [CrmMail.Mail]="**/Validation/**/*.cs|CrmMail.Functions.SendMail.Tests"
  # The resilience pipeline and DependencyUnavailableException moved here from CrmMail.Signing.
  [CrmMail.Kernel]="**/*.cs|CrmMail.Kernel.Tests"
)
order=(CrmMail.Signing CrmMail.Inbound CrmMail.Subscriptions CrmMail.Identity CrmMail.Mail CrmMail.Kernel)

if [[ $# -gt 0 ]]; then
  for lib in "$@"; do
    [[ -n "${plan[$lib]:-}" ]] || { echo "unknown library: $lib (one of: ${order[*]})" >&2; exit 2; }
  done
  order=("$@")
fi

cd "$root"
dotnet tool restore >/dev/null

# Puts the unmutated <lib>.dll/.pdb (the compiler's output in the library's obj/Release) back
# into every test project's bin/Release; where there is none, deletes the copy so the next
# build restores it. Fails loudly if a mutated copy would remain.
restore_library() {
  local lib="$1" tests="$2" t f name src
  for t in $tests; do
    [[ -d "$root/tests/$t/bin/Release" ]] || continue
    while IFS= read -r -d '' f; do
      name="$(basename "$f")"
      src="$(ls "$root/layers/$lib/obj/Release"/*/"$name" 2>/dev/null | head -n 1 || true)"
      if [[ -n "$src" ]]; then
        cmp -s "$src" "$f" || cp -p "$src" "$f"
        cmp -s "$src" "$f" || { echo "mutation.sh: could not restore $f" >&2; return 1; }
      else
        rm -f "$f"
      fi
    done < <(find "$root/tests/$t/bin/Release" \( -name "$lib.dll" -o -name "$lib.pdb" \) -print0)
  done
}

current=""
cleanup() {
  if [[ -n "$current" ]]; then
    IFS='|' read -r _ tests <<<"${plan[$current]}"
    restore_library "$current" "$tests"
  fi
}
trap cleanup EXIT

for lib in "${order[@]}"; do
  IFS='|' read -r mutate tests <<<"${plan[$lib]}"
  args=()
  for t in $tests; do args+=(--test-project "$root/tests/$t/$t.csproj"); done
  out="$out_root/$lib"
  rm -rf "$out"
  current="$lib"
  echo "== $lib against: $tests"
  # Stryker runs from the library's directory so that it mutates that project.
  (cd "$root/layers/$lib" && dotnet dotnet-stryker \
      --config-file "$config" \
      --project "$lib.csproj" \
      --mutate "$mutate" \
      --output "$out" \
      ${STRYKER_CONCURRENCY:+--concurrency "$STRYKER_CONCURRENCY"} \
      "${args[@]}")
  restore_library "$lib" "$tests"
  current=""
done

echo
python3 "$root/tools/quality/mutation_table.py" "$out_root" "${order[@]}"
