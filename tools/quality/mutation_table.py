"""Prints the mutation-score table from Stryker's JSON reports under artifacts/mutation/.

Score = (killed + timeout) / (killed + timeout + survived + no coverage), as Stryker counts it;
ignored and compile-error mutants are not counted.
"""
import json
import sys
from pathlib import Path

TESTS = {
    "CrmMail.Signing": "Signing.Tests, Unsubscribe.Tests, SendMail.Tests",
    "CrmMail.Inbound": "MailgunWebhook.Tests, MailtoUnsubscribe.Tests, SesEvents.Tests, OutreachStats.Tests",
    "CrmMail.Subscriptions": "Subscriptions.Tests, Unsubscribe.Tests, AddContact.Tests, SendMail.Tests",
    "CrmMail.Identity": "Identity.Tests, AddContact.Tests",
    "CrmMail.Mail": "SendMail.Tests",
    "CrmMail.Kernel": "Kernel.Tests",
}


def row(out_root: Path, lib: str) -> str:
    reports = sorted((out_root / lib).glob("**/reports/mutation-report.json"))
    if not reports:
        return f"| {lib} | {TESTS.get(lib, '?')} | (no report) | | |"
    counts: dict[str, int] = {}
    for f in json.loads(reports[-1].read_text(encoding="utf-8"))["files"].values():
        for m in f["mutants"]:
            counts[m["status"]] = counts.get(m["status"], 0) + 1
    detected = counts.get("Killed", 0) + counts.get("Timeout", 0)
    survived = counts.get("Survived", 0)
    no_cov = counts.get("NoCoverage", 0)
    total = detected + survived + no_cov
    score = 100.0 * detected / total if total else 0.0
    name = lib + (" (Validation/)" if lib == "CrmMail.Mail" else "")
    return f"| {name} | {TESTS.get(lib, '?')} | {score:.1f}% | {survived} | {no_cov} |"


def main() -> None:
    out_root = Path(sys.argv[1])
    libs = sys.argv[2:] or list(TESTS)
    print("| library | test projects | mutation score | survived | no coverage |")
    print("|---|---|---:|---:|---:|")
    for lib in libs:
        print(row(out_root, lib))


if __name__ == "__main__":
    main()
