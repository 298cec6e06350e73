"""The maintainers' checklist (docs/maintainers/README.md, 3.5) after both procedures: the copy's
worked example is regenerated (step 4) and the copy's own rule, robustness and page tests pass
(step 1 and the pages of step 5), with the fictional version and document in it: the generic
tests (one source of numbers, the data quoting the text, the properties, the registry, the
command line's answers to any input; the pages' fidelity to the texts received, anchors, terms,
search, export) hold for versions and documents they have never seen."""

from __future__ import annotations


def test_the_rule_tests_pass_in_the_changed_copy(changed_copy):
    run = changed_copy.run("scripts/readme_examples.py")
    assert run.returncode == 0, run.stdout + run.stderr
    # Every test runs, none excluded: the maintainer's steps of the guide (fictional.toml: the
    # readings reviewed, a case file per changed clause, validity.toml's cases rewritten) are done.
    run = changed_copy.run("-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/rules", "tests/robustness",
                           timeout=1800)  # the copy's whole suites, on a busy machine
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
    assert " passed" in run.stdout.splitlines()[-1]


def test_the_page_tests_pass_in_the_changed_copy(changed_copy):
    run = changed_copy.run("-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/site", timeout=1800)
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
    assert " passed" in run.stdout.splitlines()[-1]
