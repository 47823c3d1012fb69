#!/usr/bin/env python3
"""Reference for CidrAggregator: Python's ipaddress.collapse_addresses on a Service Tags file.

Reads the file (download or Discovery API shape), takes the prefixes of the named tags (or of every tag with --all)
in one address family, collapses them and prints one JSON object:
  {"load_ms": json.load time, "collapse_ms": ip_network parsing + collapse time, "total_ms": both,
   "input": prefix count, "blocks": ["a.b.c.d/n", ...]}
Times are taken inside this process (perf_counter), so interpreter start-up is not counted.
Used by the xunit comparison tests and by bench/ServiceTags.Bench.
"""
import argparse
import ipaddress
import json
import sys
import time


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("file")
    parser.add_argument("--tags", default="", help="comma-separated tag names (case-insensitive)")
    parser.add_argument("--all", action="store_true", help="every tag of the file")
    parser.add_argument("--family", type=int, choices=(4, 6), default=4)
    args = parser.parse_args()

    t0 = time.perf_counter()
    with open(args.file, "rb") as handle:
        document = json.load(handle)
    t1 = time.perf_counter()

    if "responses" in document:
        document = document["responses"]["200"]["body"]
    values = document.get("values", document.get("value"))
    wanted = {name.strip().lower() for name in args.tags.split(",") if name.strip()}
    missing = set(wanted)
    prefixes = []
    for tag in values:
        name = tag["name"].lower()
        if args.all or name in wanted:
            missing.discard(name)
            for text in tag["properties"]["addressPrefixes"]:
                network = ipaddress.ip_network(text)
                if network.version == args.family:
                    prefixes.append(network)
    if missing:
        print("unknown tags: " + ", ".join(sorted(missing)), file=sys.stderr)
        return 2
    blocks = list(ipaddress.collapse_addresses(prefixes))
    t2 = time.perf_counter()

    json.dump({
        "load_ms": (t1 - t0) * 1000.0,
        "collapse_ms": (t2 - t1) * 1000.0,
        "total_ms": (t2 - t0) * 1000.0,
        "input": len(prefixes),
        "blocks": [str(block) for block in blocks],
    }, sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
