#!/usr/bin/env python3
"""Run notebooks the way a student does: Run All in a real Jupyter kernel, with no IN_TEST, and fail on any error output.

  python .ci/student_run.py nbs/00_data.ipynb ...            run each in nbs/ (as JupyterLab does, the repository around it)
  python .ci/student_run.py --alone --kernel K nbs/*.ipynb   copy each notebook alone into an empty temp folder and run it
                                                             with kernel K (a Colab-like environment: see `make student-check`)
  --save DIR   write each executed notebook to DIR (to look at, or to commit its outputs)

Prints one line per notebook: wall time, mode (quick/full) and the number of error outputs; exit 1 when any had an error.
A cell that runs past --timeout (a hang: once, in CI, a kernel sat idle for 600 s with no cell failing) is named with its number
and first line, and the notebook is run once more: a hang that repeats fails; one that does not is reported, not hidden.
"""
import argparse, os, shutil, sys, tempfile, time
from pathlib import Path

import nbformat
from nbclient import NotebookClient


def errors_of(nb) -> list[str]:
    "Every error output, and every stderr stream that carries a traceback, as text."
    found = []
    for i, cell in enumerate(nb.cells):
        for out in cell.get('outputs', []):
            if out.get('output_type') == 'error':
                found.append(f"cell {i}: {out.get('ename')}: {out.get('evalue')}")
            elif out.get('output_type') == 'stream' and out.get('name') == 'stderr' and 'Traceback (most recent call last)' in out.get('text', ''):
                found.append(f"cell {i}: traceback printed to stderr")
    return found


def run(path: Path, kernel: str, alone: bool, timeout: int, save: Path | None) -> list[str]:
    nb = nbformat.read(path, as_version=4)
    work = Path(tempfile.mkdtemp(prefix='student-')) if alone else path.parent
    if alone: shutil.copy(path, work/path.name)
    client = NotebookClient(nb, timeout=timeout, kernel_name=kernel, allow_errors=True,
                            resources={'metadata': {'path': str(work)}})
    current = {}
    client.on_cell_start = lambda cell, cell_index: current.update(i=cell_index, line=cell.source.split('\n')[0][:80], t=time.perf_counter())
    t0 = time.perf_counter()
    try: client.execute()
    except Exception as e:  # a cell ran past the timeout, or the kernel died
        where = (f"cell {current['i']} ({current['line']!r}) after {time.perf_counter() - current['t']:.0f} s" if current else 'before the first cell')
        return [f"{type(e).__name__} in {where}: {(str(e).splitlines() or [''])[0][:200]}"]
    finally:
        secs = time.perf_counter() - t0
        if save: save.mkdir(parents=True, exist_ok=True); nbformat.write(nb, save/path.name)
        if alone: shutil.rmtree(work, ignore_errors=True)
    errs = errors_of(nb)
    print(f"{path.name:<24} {secs:7.1f} s  {'alone in an empty folder' if alone else 'in nbs/'}  "
          f"{'OK' if not errs else f'{len(errs)} error(s)'}", flush=True)
    return errs


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('notebooks', nargs='+', type=Path)
    p.add_argument('--kernel', default='python3')
    p.add_argument('--alone', action='store_true', help='copy each notebook alone into an empty folder first')
    p.add_argument('--timeout', type=int, default=300, help='seconds per cell before it counts as hung (quick-mode cells take well under a minute)')
    p.add_argument('--save', type=Path, default=None)
    a = p.parse_args(argv)
    os.environ.pop('IN_TEST', None)  # the kernel inherits our environment: a student's has no IN_TEST
    failed = {}
    for nb in a.notebooks:
        errs = run(nb.resolve(), a.kernel, a.alone, a.timeout, a.save)
        if errs and 'Timeout' in errs[0]:  # a hang: say where, and find out whether it repeats
            print(f"{nb.name}: HUNG: {errs[0]}; running it once more", flush=True)
            errs = [f"hung again: {e}" for e in run(nb.resolve(), a.kernel, a.alone, a.timeout, a.save)]
            if not errs: print(f"{nb.name}: the rerun passed: the hang did not repeat (see the HUNG line above)", flush=True)
        if errs: failed[nb.name] = errs
    for name, errs in failed.items():
        print(f"\n{name}:", *errs, sep='\n  ')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
