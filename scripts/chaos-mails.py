#!/usr/bin/env python3
"""Writes COUNT distinct liaison mails for scripts/chaos from the fixture layouts.

Usage: chaos-mails.py FIXTURES_DIR OUT_DIR COUNT SEED RUN_TAG

The mails come from scripts/mailgen.py (the statement fixtures, each copy with its own
Message-ID and numbered Subject); copy n has Message-ID <chaos-RUN_TAG-n@chaos.invalid>
and an X-Chaos-Sequence header. Writes OUT_DIR/n.eml and prints the manifest, one
`n<TAB>message-id<TAB>fixture` line per mail.
"""

import os
import random
import sys

from mailgen import statement_layouts, variant


def main():
    if len(sys.argv) != 6:
        sys.exit(__doc__.strip().splitlines()[2])
    fixtures, out_dir, count, seed, tag = sys.argv[1:]
    chosen = statement_layouts(fixtures)
    if not chosen:
        sys.exit("chaos-mails: no statement fixtures in %s" % fixtures)
    names, layouts = [name for name, _ in chosen], dict(chosen)
    rng = random.Random(seed)
    os.makedirs(out_dir, exist_ok=True)
    for number in range(1, int(count) + 1):
        name = names[(number - 1) % len(names)] if number <= len(names) else rng.choice(names)
        message_id = "<chaos-%s-%d@chaos.invalid>" % (tag, number)
        with open(os.path.join(out_dir, "%d.eml" % number), "wb") as f:
            f.write(
                variant(
                    layouts[name], message_id, "chaos %d" % number,
                    ["X-Chaos-Sequence: %d" % number]))
        print("%d\t%s\t%s" % (number, message_id, name))


if __name__ == "__main__":
    main()
