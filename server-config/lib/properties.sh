# Reading a Tollgate settings file, shared by the server scripts (sourced, not run).
#
# read_properties <file>  fills the array `keys` (in file order, each key once) and the associative
#                         array `values` (the last occurrence of a key wins). Lines are key=value;
#                         blank lines and lines starting with '#' or '!' are comments; a CR at the
#                         end of a line (a file edited on Windows) is dropped; the key is trimmed,
#                         the value is taken as it is. Exits with status 3 on a line without '='.
# is_secret <key>         true for the keys the scripts store the server's secret way.

is_secret() {
  case "$1" in
    *-secret | *-token | *-password) return 0 ;;
    *) return 1 ;;
  esac
}

read_properties() {
  local file=$1 line key value
  keys=()
  declare -gA values=()
  while IFS= read -r line || [ -n "$line" ]; do
    line=${line%$'\r'}
    case "$line" in '' | '#'* | '!'*) continue ;; esac
    [[ $line == *=* ]] || { echo "$file: not a key=value line: ${line%%[[:space:]]*}..." >&2; exit 3; }
    key=${line%%=*}
    value=${line#*=}
    key=${key#"${key%%[![:space:]]*}"}
    key=${key%"${key##*[![:space:]]}"}
    [ -n "$key" ] || { echo "$file: a line has no key" >&2; exit 3; }
    [ -n "${values[$key]+set}" ] || keys+=("$key")
    values[$key]=$value
  done < "$file"
  [ ${#keys[@]} -gt 0 ] || { echo "$file: no key=value line" >&2; exit 3; }
}
