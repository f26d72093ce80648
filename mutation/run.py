"""Mutation testing, module by module: `make mutation` (or `python mutation/run.py [module ...]`).

For each module of modules.toml, mutmut mutates that file only and runs the module's own tests
against every mutant; the table printed at the end gives, per module, the mutants, how many the
tests killed, how many survived and the score. Mutants listed in equivalent.txt (they change
nothing observable) are left out of the score.

mutmut reads its settings from the pyproject.toml of the folder it runs in, so each module gets a
scratch folder under `mutants/` (git-ignored) holding links to the project's code and a
pyproject.toml made of the project's `[tool.pytest.ini_options]` and `[tool.mutmut]` plus the two
settings that name the module and its tests. Tests always run on SQLite, in-process, one mutant's
session starting from a copy of the empty tables (fastdb.py) rather than creating them again.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
WORK = ROOT / "mutants"
# Statuses mutmut reports that count as a kill (a mutant that hangs the tests is caught).
KILLED = {"killed", "timeout", "caught by type check", "segfault"}
# A run stopped before the end leaves mutants unchecked: they are counted apart, not in the score.
UNCHECKED = {"not checked", "check was interrupted by user"}
RESULT_LINE = re.compile(r"^\s*(?P<name>\S+): (?P<status>.+)$")


@dataclass
class Outcome:
    module: str
    statuses: dict[str, str] = field(default_factory=dict)
    equivalent: set[str] = field(default_factory=set)
    error: str = ""

    @property
    def counted(self) -> dict[str, str]:
        return {
            name: status
            for name, status in self.statuses.items()
            if name not in self.equivalent and status not in UNCHECKED
        }

    @property
    def unchecked(self) -> int:
        return sum(status in UNCHECKED for status in self.statuses.values())

    @property
    def killed(self) -> int:
        return sum(status in KILLED for status in self.counted.values())

    @property
    def survived(self) -> list[str]:
        return sorted(name for name, status in self.counted.items() if status not in KILLED)

    @property
    def score(self) -> float | None:
        return 100 * self.killed / len(self.counted) if self.counted else None

    @property
    def stale_equivalents(self) -> list[str]:
        """Entries of equivalent.txt for this module that no longer exist or are now killed."""
        return sorted(n for n in self.equivalent if self.statuses.get(n, "killed") in KILLED)


def module_name(path: str) -> str:
    return path.removesuffix(".py").replace("/", ".")


def load_equivalents() -> dict[str, str]:
    """Mutant name -> reason, from equivalent.txt (`name  reason`, # comments)."""
    entries = {}
    for line in (HERE / "equivalent.txt").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            name, _, reason = line.partition("  ")
            if not reason.strip():
                sys.exit(f"equivalent.txt: give the reason beside {name}")
            entries[name] = reason.strip()
    return entries


def _toml_value(value: object) -> str:
    # JSON strings, numbers, booleans and lists of them are valid TOML.
    return json.dumps(value, ensure_ascii=False)


def _toml(tables: dict[str, dict]) -> str:
    lines = []
    for name, table in tables.items():
        lines.append(f"[{name}]")
        lines += [f"{key} = {_toml_value(value)}" for key, value in table.items()]
        lines.append("")
    return "\n".join(lines)


def prepare(module: dict, project: dict) -> Path:
    """A fresh scratch folder for one module: links to the code, and the module's settings."""
    settings = dict(project["tool"]["mutmut"])
    folder = WORK / module_name(module["path"])
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    # The plugin that starts each mutant's session from a copy of the empty tables (fastdb.py).
    settings["also_copy"] = [*settings.get("also_copy", []), "mutation"]
    settings["pytest_add_cli_args"] = [*settings["pytest_add_cli_args"], "-p", "mutation.fastdb", "--reuse-db"]
    for name in [*settings["source_paths"], *settings["also_copy"], "tests"]:
        (folder / name).symlink_to(ROOT / name)
    settings["only_mutate"] = [module["path"]]
    settings["pytest_add_cli_args_test_selection"] = module["tests"]
    pyproject = {"tool.pytest.ini_options": project["tool"]["pytest"]["ini_options"], "tool.mutmut": settings}
    (folder / "pyproject.toml").write_text(_toml(pyproject), encoding="utf-8")
    return folder


def run_module(
    module: dict, project: dict, equivalents: dict[str, str], max_children: int, *, rerun: bool = True
) -> Outcome:
    outcome = Outcome(module["path"])
    prefix = module_name(module["path"]) + "."
    outcome.equivalent = {name for name in equivalents if name.startswith(prefix)}
    missing = [test for test in module["tests"] if not (ROOT / test).exists()]
    if missing:
        outcome.error = f"missing tests: {', '.join(missing)}"
        return outcome
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL", "PYTEST_ADDOPTS")}
    env["MUTATION_DB_DIR"] = str(WORK / module_name(module["path"]) / "db")
    mutmut = str(Path(sys.executable).parent / "mutmut")
    folder = WORK / module_name(module["path"])
    if rerun:
        folder = prepare(module, project)
        print(f"== {module['path']} ({len(module['tests'])} test files)", flush=True)
        run = subprocess.run([mutmut, "run", "--max-children", str(max_children)], cwd=folder, env=env)
        if run.returncode:
            outcome.error = f"mutmut run exited with {run.returncode}"
    elif not folder.exists():
        outcome.error = "never run"
        return outcome
    listing = subprocess.run(
        [mutmut, "results", "--all", "true"], cwd=folder, env=env, capture_output=True, text=True, check=False
    )
    for line in listing.stdout.splitlines():
        match = RESULT_LINE.match(line)
        if match and match["name"].startswith(prefix):
            outcome.statuses[match["name"]] = match["status"].strip()
    if not outcome.statuses and not outcome.error:
        outcome.error = "no mutants found"
    return outcome


def report(outcomes: list[Outcome], equivalents: dict[str, str], target: float) -> bool:
    width = max(len(o.module) for o in outcomes)
    print()
    print(f"{'module':<{width}}  mutants  killed  survived  equivalent  unchecked  score")
    ok = True
    for o in outcomes:
        if o.error and not o.statuses:
            print(f"{o.module:<{width}}  {o.error}")
            ok = False
            continue
        score = f"{o.score:.1f} %" if o.score is not None else "-"
        line = f"{o.module:<{width}}  {len(o.counted):>7}  {o.killed:>6}  {len(o.survived):>8}"
        print(f"{line}  {len(o.equivalent & o.statuses.keys()):>10}  {o.unchecked:>9}  {score}")
        ok = ok and o.score is not None and o.score >= target and not o.error and not o.unchecked
    for o in outcomes:
        if o.survived:
            print(f"\nSurvivors in {o.module} (`cd mutants/{module_name(o.module)} && mutmut show NAME`):")
            for name in o.survived:
                print(f"  {name}: {o.statuses[name]}")
        for name in o.stale_equivalents:
            print(f"\nequivalent.txt lists {name}, which is now killed or gone: remove the line.")
            ok = False
        if o.error:
            print(f"\n{o.module}: {o.error}")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", help="paths from modules.toml (default: all)")
    parser.add_argument("--max-children", type=int, default=2, help="mutants tested in parallel")
    parser.add_argument("--target", type=float, default=90.0, help="score every module must reach")
    parser.add_argument("--table-only", action="store_true", help="print the table of the last run, run nothing")
    args = parser.parse_args()
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    modules = tomllib.loads((HERE / "modules.toml").read_text(encoding="utf-8"))["module"]
    unknown = set(args.modules) - {m["path"] for m in modules}
    if unknown:
        parser.error(f"not in modules.toml: {', '.join(sorted(unknown))}")
    chosen = [m for m in modules if not args.modules or m["path"] in args.modules]
    equivalents = load_equivalents()
    if not (Path(sys.executable).parent / "mutmut").exists():
        sys.exit("mutmut is not installed in this environment: pip install -e '.[dev]' (or make install-dev)")
    outcomes = [run_module(m, project, equivalents, args.max_children, rerun=not args.table_only) for m in chosen]
    return 0 if report(outcomes, equivalents, args.target) else 1


if __name__ == "__main__":
    sys.exit(main())
