# Helpers the benchmark scripts share; source it: . "$(dirname "$0")/common.sh"

# Waits (10 s at most) until something answers GET / on 127.0.0.1:PORT.
wait_for() { # port
  for _ in $(seq 1 100); do
    curl -sf -o /dev/null "http://127.0.0.1:$1/" && return 0
    sleep 0.1
  done
  echo "server on port $1 did not start" >&2
  return 1
}
