# Reading Tollgate settings files, shared by the server scripts (sourced, not run).
#
# read_properties <file>...  fills the array `keys` (in file order, each key once) and the
#                         associative array `values` (the last occurrence of a key wins, also across
#                         files: a later file overrides an earlier one). Lines are key=value; blank
#                         lines and lines starting with '#' or '!' are comments; a CR at the end of a
#                         line and a byte order mark at the start of a file (a file edited on Windows)
#                         are dropped; the key is trimmed, the value is
#                         taken as it is, byte for byte (no escapes: a backslash is a backslash).
#                         Exits with status 3 on a line without '=', naming the file and line
#                         number only (such a line may be a secret: "key:value", half of a value).
# is_secret <key>         true for the keys the scripts store the server's secret way.
# check_settings <what>   refuses (exit 3, naming the key, never the value) a key or value that the
#                         server could not hold exactly: keys are letters, digits and . _ - / ;
#                         values hold no control character and no '${' (the server and MicroProfile
#                         Config would read it as an expression); a secret is not empty. Run before
#                         anything is applied.
# is_tollgate_key <key> <client>...  true for Tollgate's keys: tollgate.* and the Rest Client keys
#                         <client>/mp-rest/* of the given Tollgate clients.
# tollgate_clients <key>...  the client names of the tollgate.<client>.provider keys given.
# redact <text>           the text with every secret value of `values` replaced by ****: for
#                         printing a tool's output that might echo a secret.

is_secret() {
  case "$1" in
    *-secret | *-token | *-password) return 0 ;;
    *) return 1 ;;
  esac
}

read_properties() {
  local file line key value number
  keys=()
  declare -gA values=()
  for file in "$@"; do
    number=0
    while IFS= read -r line || [ -n "$line" ]; do
      number=$((number + 1))
      # a UTF-8 byte order mark (a Windows editor's) is no part of the first key
      [ "$number" -gt 1 ] || line=${line#$'\xef\xbb\xbf'}
      line=${line%$'\r'}
      case "$line" in '' | '#'* | '!'*) continue ;; esac
      [[ $line == *=* ]] || { echo "$file, line $number: not a key=value line (nothing applied)" >&2; exit 3; }
      key=${line%%=*}
      value=${line#*=}
      key=${key#"${key%%[![:space:]]*}"}
      key=${key%"${key##*[![:space:]]}"}
      [ -n "$key" ] || { echo "$file, line $number: a line has no key (nothing applied)" >&2; exit 3; }
      [ -n "${values[$key]+set}" ] || keys+=("$key")
      values[$key]=$value
    done < "$file"
  done
  [ ${#keys[@]} -gt 0 ] || { echo "$*: no key=value line" >&2; exit 3; }
}

check_settings() {
  local key value refused=0
  for key in "${keys[@]}"; do
    value=${values[$key]}
    if [[ ! $key =~ ^[A-Za-z0-9._/-]+$ ]]; then
      echo "$1: the key '$key' holds a character other than letters, digits and . _ - /" >&2
      refused=1
    elif is_secret "$key" && [ -z "$value" ]; then
      echo "$1: $key is a secret without a value" >&2
      refused=1
    elif [[ $value == *'${'* ]]; then
      echo "$1: the value of $key contains '\${', which the server and MicroProfile Config would read as an expression" >&2
      refused=1
    elif LC_ALL=C grep -q '[[:cntrl:]]' <<< "$value"; then
      echo "$1: the value of $key contains a control character (a tab, for one), which no credential or URL may hold" >&2
      refused=1
    fi
  done
  if [ "$refused" -ne 0 ]; then
    echo "$1: nothing applied" >&2
    exit 3
  fi
}

tollgate_clients() {
  local key
  for key in "$@"; do
    if [[ $key =~ ^tollgate\.([^.]+)\.provider$ ]]; then
      printf '%s\n' "${BASH_REMATCH[1]}"
    fi
  done
}

is_tollgate_key() {
  local key=$1 client
  shift
  [[ $key == tollgate.* ]] && return 0
  for client in "$@"; do
    [[ $key == "$client/mp-rest/"* ]] && return 0
  done
  return 1
}

redact() {
  local text=$1 key value
  for key in "${keys[@]}"; do
    value=${values[$key]}
    # (a secret of one or two characters would mask half the text, and is no secret)
    if is_secret "$key" && [ ${#value} -ge 3 ]; then
      text=${text//"$value"/****}
      # as a CLI or asadmin word would spell it
      value=${value//\\/\\\\}
      text=${text//"${value//\"/\\\"}"/****}
    fi
  done
  printf '%s\n' "$text"
}
