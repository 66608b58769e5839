#!/usr/bin/env python3
"""Link the full install's PyTorch stack into another venv instead of installing a second copy.

  .venv/bin/python .ci/share_torch.py .venv-colab

Colab ships torch preinstalled; the Colab-like venv of `make student-check` gets the same torch, torchvision, triton and CUDA
libraries (about 5.5 GB) as symbolic links to `.venv`'s, so the two venvs need 6 GB of disk, not 12. pip then sees them as
installed and installs only the small packages around them. Run it with the python of the venv that holds torch.
"""
import site, sys
from importlib.metadata import distributions
from pathlib import Path

BIG = ('torch', 'torchvision', 'triton')  # and every nvidia-* / cuda-* distribution they pull in


def shared_entries() -> set[Path]:
    "Top-level files and folders (packages and .dist-info) of the torch stack in this interpreter's site-packages."
    here = Path(site.getsitepackages()[0])
    entries = set()
    for d in distributions():
        name = (d.metadata['Name'] or '').lower()
        if name in BIG or name.startswith(('nvidia-', 'cuda-')):
            for f in d.files or []:
                if f.parts and f.parts[0] != '..': entries.add(here/f.parts[0])
    return {e for e in entries if e.exists() and e.name != '__pycache__'}


def main(target_venv: str):
    entries = shared_entries()
    if not any(e.name == 'torch' for e in entries): sys.exit(f"share_torch: no torch in {sys.executable}'s site-packages")
    target = Path(target_venv).resolve()
    dest = next(target.glob('lib/python*/site-packages'), None)
    if dest is None: sys.exit(f"share_torch: {target} is not a venv (no lib/python*/site-packages)")
    for e in sorted(entries):
        link = dest/e.name
        if not link.exists() and not link.is_symlink(): link.symlink_to(e.resolve())
    print(f"share_torch: {len(entries)} entries of the torch stack linked into {dest}")


if __name__ == '__main__': main(*sys.argv[1:])
