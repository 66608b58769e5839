#!/usr/bin/env python3
"""Check that every `make TARGET` and every `fmnist-CMD --flag` that README.md names exists.

  python .ci/readme_check.py [README.md CONTRIBUTING.md ...]

Looks only at code (fenced blocks and `inline code`): a `make` target must be a rule of the Makefile; an `fmnist-CMD` must be a
console script of settings.ini, and each `--flag` after it (or inside `make submission ARGS="..."`, which passes them to
fmnist-train) must appear in `fmnist-CMD --help`. Exit 1, naming each problem, when one does not. `make sync-check` runs it.
"""
import configparser, re, shlex, subprocess, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def code_fragments(text: str) -> list[str]:
    "Fenced blocks line by line, then the inline code spans of the prose."
    frags, prose, fenced = [], [], False
    for line in text.splitlines():
        if line.lstrip().startswith('```'): fenced = not fenced; continue
        (frags if fenced else prose).append(line)
    frags += re.findall(r'`([^`\n]+)`', '\n'.join(prose))
    return frags


def commands(frag: str):
    "Each simple command of a fragment, as a list of words ('#' comments and '!' of notebook cells dropped)."
    frag = frag.split(' #')[0].lstrip('!')
    for part in re.split(r'&&|\|\||;|\|', frag):
        try: words = shlex.split(part)
        except ValueError: words = part.split()
        if words: yield words


def uses(text: str):
    "(make targets, {fmnist command: flags}) named in the README's code."
    targets, flags = set(), {}
    for frag in code_fragments(text):
        for words in commands(frag):
            name = Path(words[0]).name
            if name == 'make':
                args = [w for w in words[1:] if not w.startswith('-')]
                targets |= {w for w in args if '=' not in w}
                for w in args:
                    if w.startswith('ARGS='): flags.setdefault('fmnist-train', set()).update(re.findall(r'--[\w-]+', w))
            elif name.startswith('fmnist-') and re.fullmatch(r'fmnist-[a-z]+', name):
                flags.setdefault(name, set()).update(w.split('=')[0] for w in words[1:] if w.startswith('--'))
    return targets, flags


def main(argv):
    return max([check(Path(a)) for a in argv] or [check(ROOT/'README.md')])


def check(readme: Path) -> int:
    targets, flags = uses(readme.read_text())
    rules = set(re.findall(r'^([\w.-]+)\s*:(?!=)', (ROOT/'Makefile').read_text(), re.M))
    cfg = configparser.ConfigParser(delimiters=['=']); cfg.read(ROOT/'settings.ini')
    scripts = {s.split('=')[0] for s in cfg['DEFAULT'].get('console_scripts', '').split()}
    problems = [f"`make {t}`: the Makefile has no target {t}" for t in sorted(targets - rules)]
    for cmd, fl in sorted(flags.items()):
        if cmd not in scripts: problems.append(f"`{cmd}`: not a console script in settings.ini"); continue
        exe = ROOT/'.venv'/'bin'/cmd
        if not exe.exists(): problems.append(f"`{cmd}`: not installed in .venv (run `.venv/bin/pip install --no-deps -e .`)"); continue
        help_text = subprocess.run([str(exe), '--help'], capture_output=True, text=True, timeout=120).stdout
        problems += [f"`{cmd} {f}`: {cmd} --help does not list {f}" for f in sorted(fl) if not re.search(re.escape(f) + r'(?![\w-])', help_text)]
    for p in problems: print(f"{readme.name}: {p}")
    if not problems:
        print(f"readme check: {len(targets)} make targets and {sum(map(len, flags.values()))} flags of {len(flags)} commands named in "
              f"{readme.name} exist")
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
