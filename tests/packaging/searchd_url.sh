# Sourced by the packaging tests. searchd_url OUT: the URL that a searchd started with --port 0
# prints to OUT ("searchd: listening on URL"), waited for up to 10 s; empty when it never came.
searchd_url() {
  for _ in $(seq 100); do grep -q "listening on" "$1" && break; sleep 0.1; done
  sed -n 's/^searchd: listening on \(http[^ ]*\)$/\1/p' "$1"
}
