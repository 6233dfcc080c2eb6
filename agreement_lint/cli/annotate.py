"""``agreement-lint annotate``: a reviewed copy of a Word draft, with a comment per finding.

The input is read once and never written. The copy goes to ``-o`` (default
``NAME.reviewed.docx`` beside the input) through a temporary file, so an interrupted run
leaves nothing half-written. The same configuration files as ``check`` apply.

Exit codes: 0 the copy was written (whatever it found); 2 a usage, configuration or input
error; 3 an internal error.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import click

from ..errors import UsageError
from ..findings import Severity

SEVERITIES = ("info", "warning", "error")


def default_output(path: Path) -> Path:
    """``draft.docx`` → ``draft.reviewed.docx`` in the same directory."""
    return path.with_name(f"{path.stem}.reviewed.docx")


@click.command(name="annotate")
@click.argument("input_path", metavar="IN.docx", type=click.Path(path_type=Path, dir_okay=False))
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
              help="Where to write the reviewed copy (default: IN.reviewed.docx).")
@click.option("--kind", metavar="KIND",
              help="Treat the draft as this kind (e.g. mou, civic-university-agreement).")
@click.option("--severity", "min_severity", type=click.Choice(SEVERITIES), default="info",
              show_default=True, help="Only findings at or above this severity become comments.")
@click.option("--rule-pack", "rule_packs", multiple=True, metavar="DIR",
              type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Add a directory of your own rules (repeatable).")
@click.option("--summary", is_flag=True,
              help="Also append a 'Review summary' table at the end (this adds text).")
@click.option("--no-config", is_flag=True,
              help="Ignore configuration files; use the defaults and the flags.")
def annotate(
    input_path: Path,
    output: Path | None,
    kind: str | None,
    min_severity: str,
    rule_packs: tuple[Path, ...],
    summary: bool,
    no_config: bool,
) -> None:
    """Write a copy of IN.docx with a Word comment on each finding.

    Each comment sits on the clause it is about and gives the rule code, what is wrong, the
    principle it comes from and a suggestion. Things missing from the whole draft are listed
    in one comment on the title. The text of the draft is not changed (unless --summary).
    """
    from ..atomic import check_output_path, write_bytes_atomic
    from ..config import ConfigFinder, Overrides, resolve
    from ..docx.annotate import PrincipleRow, annotate_document, document_bytes
    from ..docx.guard import load_docx_bytes
    from ..docx.reader import agreement_from_document, open_document
    from ..engine import lint
    from ..runner import lint_options, ruleset_for
    from ..waivers import apply_waivers

    if input_path.suffix.lower() != ".docx":
        raise UsageError("annotate works on Word .docx files only", path=str(input_path))
    target = output or default_output(input_path)
    check_output_path(target, input_path)
    shown = str(input_path)
    # The draft is checked first, so a file that cannot be read is refused at once.
    data = load_docx_bytes(input_path, shown=shown)
    document = open_document(data, shown=shown)
    finder = ConfigFinder(isolated=no_config)
    settings = resolve(finder.for_file(input_path), input_path,
                       Overrides(kind=kind, rule_packs=rule_packs))
    ruleset = ruleset_for(settings.rule_packs)
    agreement = agreement_from_document(
        document, shown=shown, sha256=hashlib.sha256(data).hexdigest()
    )
    options = lint_options(settings)
    # The drafter's waivers (Word comments) apply here as in check: a waived finding gets no
    # comment, and a waiver that is unused or cannot be understood gets one.
    findings = list(apply_waivers(agreement, lint(agreement, ruleset, options), ruleset,
                                  enabled=options.is_selected,
                                  severity=options.severity_override).findings)
    floor = Severity(min_severity).rank
    kept = [f for f in findings if f.severity.rank >= floor]
    principles = {pid: p.title for pid, p in ruleset.principles.items()}
    rows = None
    if summary:
        checked_kind = ruleset.resolve_kind(agreement, options.kind)
        cited: dict[str, None] = {}
        for rule in ruleset.rules:
            if rule.applies_to(checked_kind) and options.is_selected(rule.code):
                cited.update(dict.fromkeys(rule.principles))
        rows = [PrincipleRow(pid, principles.get(pid, "")) for pid in sorted(cited, key=_order)]
    result = annotate_document(document, kept, principles=principles, summary_rows=rows)
    write_bytes_atomic(target, document_bytes(document, shown=shown))
    left_out = len(findings) - len(kept)
    note = f" ({left_out} below --severity {min_severity} left out)" if left_out else ""
    comments = "comment" if result.comments == 1 else "comments"
    click.echo(
        f"agreement-lint: {result.comments} {comments} written to {target}{note}", err=True
    )


def _order(principle: str) -> tuple[str, int, str]:
    """``NHS-2`` before ``NHS-10``: prefix, then number."""
    prefix, _, number = principle.rpartition("-")
    return (prefix, int(number), "") if number.isdigit() else (principle, 0, "")
