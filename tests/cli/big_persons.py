#!/usr/bin/env python3
"""A big 户成员台账 for the import's kill and reader tests (t0605, t0911,
tests/http/test_faults.py): the sample ledger of county 532326 repeated
with new 户编号 and ID numbers (check digit recomputed), so every row is
new.

    python3 big_persons.py SAMPLE.csv OUT.csv ROWS
"""
import sys

W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CD = "10X98765432"


def big_ledger(sample, rows):
    """The ledger of at least `rows` rows made from `sample`, as UTF-8 bytes."""
    with open(sample, encoding="utf-8-sig") as f:
        title, head = f.readline(), f.readline()
        lines = [l.rstrip("\n") for l in f if l.strip()]
    out, k = [title, head], 0
    while len(out) - 2 < rows:
        k += 1
        for l in lines:
            c = l.split(",")
            c[5] = c[5][:9] + "%06d" % (k * 1000 + int(c[5][9:]) % 1000)
            # the sequence moved by an even step: the sex digit keeps its parity
            # (and past 500 rounds, the region's last two digits: an
            # ID names where its holder was first registered, any county)
            region = c[9][:4] + "%02d" % ((int(c[9][4:6]) + k // 500) % 100)
            i17 = region + c[9][6:14] + "%03d" % ((int(c[9][14:17]) + 2 * k) % 1000)
            c[9] = i17 + CD[sum(int(a) * b for a, b in zip(i17, W)) % 11]
            out.append(",".join(c) + "\n")
    return "".join(out).encode("utf-8")


if __name__ == "__main__":
    with open(sys.argv[2], "wb") as f:
        f.write(big_ledger(sys.argv[1], int(sys.argv[3])))
