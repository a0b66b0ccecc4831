#!/bin/bash
set -u
D=$(mktemp -d)
OUT=/work/wt/sim/sentinel-core/src/test/resources/info
mkdir -p $D/m $D/r $OUT
free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
PM=$(free_port); PR=$(free_port)
redis-server --port $PM --bind 127.0.0.1 --save '' --dir $D/m > $D/m/log 2>&1 & MPID=$!
redis-server --port $PR --bind 127.0.0.1 --save '' --dir $D/r --replicaof 127.0.0.1 $PM --replica-priority 7 > $D/r/log 2>&1 & RPID=$!
trap 'kill $MPID $RPID 2>/dev/null; rm -rf $D' EXIT
for i in $(seq 1 100); do redis-cli -p $PR info replication 2>/dev/null | grep -q master_link_status:up && break; sleep 0.1; done
redis-cli -p $PM set k v >/dev/null
sleep 1.2
redis-cli -p $PM info > $OUT/master.txt
redis-cli -p $PR info > $OUT/replica.txt
kill $MPID; wait $MPID 2>/dev/null
sleep 2.2
redis-cli -p $PR info > $OUT/replica-link-down.txt
echo "ports $PM $PR"
