#!/usr/bin/env bash
# Adds up the "N passed, M failed" lines of the given check logs; a log without
# one (the build failed) counts as one failure. Prints the total as last line.
pass=0 fail=0
for log in "$@"; do
    line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" 2>/dev/null | tail -n 1)
    if [ -z "$line" ]; then
        echo "# $log: no result line (build or harness failed):"; tail -n 20 "$log" | sed 's/^/#   /'
        fail=$((fail + 1)); continue
    fi
    set -- $line
    pass=$((pass + $1)); fail=$((fail + $3))
done
echo "$pass passed, $fail failed"
