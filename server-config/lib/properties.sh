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
# is_secret <key>         true for the keys the scripts store the server's secret way: names ending
#                         in -secret, -token, -password, -key or -keys (tollgate.store.encryption-key
#                         and tollgate.store.previous-keys, the tenant store's keys).
# check_settings <what>   refuses (exit 3, naming the key, never the value) a key or value that the
#                         server could not hold exactly: keys are letters, digits and . _ - / ;
#                         values hold no control character and no '${' (the server and MicroProfile
#                         Config would read it as an expression); a secret is not empty. Run before
#                         anything is applied.
# check_store_keys <what> refuses (exit 3, naming the key, never the value) a tenant store key that is
#                         not the base64 of 32 bytes (tollgate.store.encryption-key, each entry of
#                         tollgate.store.previous-keys), and the current key listed again as a
#                         previous one; warns when a client keeps its tenants in the database and
#                         no encryption key is set (the deployment would fail).
# is_tollgate_key <key> <client>...  true for Tollgate's keys: tollgate.* and the Rest Client keys
#                         <client>/mp-rest/* of the given Tollgate clients.
# tollgate_clients <key>...  the client names of the tollgate.<client>.provider keys given.
# read_datasource <file>  reads the tenant store's database (--datasource) into the associative array
#                         `datasource`: jdbc-url (jdbc:postgresql://...), jdbc-user, jdbc-password
#                         (a secret) and driver-jar (the PostgreSQL JDBC driver's jar). Refuses (exit
#                         3, naming the key, never the value) an unknown or missing key, a URL of
#                         another database, a jar it cannot read or without PostgreSQL's driver
#                         class, and what check_settings refuses; warns when others than its owner
#                         may read the file (it holds the database's password). Run before
#                         read_properties of the settings (it reuses `keys` and `values`).
# redact <text>           the text with every secret value of `values` replaced by ****: for
#                         printing a tool's output that might echo a secret.

is_secret() {
  case "$1" in
    *-secret | *-token | *-password | *-key | *-keys) return 0 ;;
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

# An AES-256 key as Tollgate reads it: the standard base64 alphabet, 32 bytes (43 characters and
# the optional '=' padding; blanks around it are dropped, as the engine drops them). What
# `openssl rand -base64 32` prints.
is_store_key() {
  local key=$1
  key=${key#"${key%%[![:space:]]*}"}
  key=${key%"${key##*[![:space:]]}"}
  [[ $key =~ ^[A-Za-z0-9+/]{43}=?$ ]]
}

check_store_keys() {
  local current=${values[tollgate.store.encryption-key]-} refused=0 previous key
  current=${current#"${current%%[![:space:]]*}"}
  current=${current%"${current##*[![:space:]]}"}
  if [ -n "${values[tollgate.store.encryption-key]+set}" ] && ! is_store_key "$current"; then
    echo "$1: tollgate.store.encryption-key is not the base64 of 32 bytes (make one with: openssl rand -base64 32)" >&2
    refused=1
  fi
  if [ -n "${values[tollgate.store.previous-keys]+set}" ]; then
    IFS=, read -r -a previous <<< "${values[tollgate.store.previous-keys]}"
    for key in "${previous[@]}"; do
      # the engine splits on commas and trims: spaces around an entry are allowed
      key=${key#"${key%%[![:space:]]*}"}
      key=${key%"${key##*[![:space:]]}"}
      if ! is_store_key "$key"; then
        echo "$1: an entry of tollgate.store.previous-keys is not the base64 of 32 bytes" >&2
        refused=1
      elif [ "$key" = "$current" ]; then
        echo "$1: tollgate.store.previous-keys lists the current tollgate.store.encryption-key" >&2
        refused=1
      fi
    done
  fi
  if [ "$refused" -ne 0 ]; then
    echo "$1: nothing applied" >&2
    exit 3
  fi
  if [ -z "${values[tollgate.store.encryption-key]+set}" ]; then
    for key in "${keys[@]}"; do
      if [[ $key =~ ^tollgate\.[^.]+\.tenant-store$ ]] && [ "${values[$key]}" = database ]; then
        echo "warning: $key is database but the settings set no tollgate.store.encryption-key: the deployment fails unless the server gets it elsewhere" >&2
        break
      fi
    done
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

read_datasource() {
  local key refused=0
  read_properties "$1"
  check_settings "$1"
  declare -gA datasource=()
  for key in "${keys[@]}"; do
    case "$key" in
      jdbc-url | jdbc-user | jdbc-password | driver-jar) datasource[$key]=${values[$key]} ;;
      *) echo "$1: unknown key $key (a datasource file has jdbc-url, jdbc-user, jdbc-password, driver-jar)" >&2; refused=1 ;;
    esac
  done
  for key in jdbc-url jdbc-user jdbc-password driver-jar; do
    if [ -z "${datasource[$key]:-}" ]; then
      echo "$1: $key is not set" >&2
      refused=1
    fi
  done
  if [ -n "${datasource[jdbc-url]:-}" ] && [[ ${datasource[jdbc-url]} != jdbc:postgresql://* ]]; then
    echo "$1: jdbc-url is not a PostgreSQL URL (jdbc:postgresql://<host>:<port>/<database>)" >&2
    refused=1
  fi
  if [ -n "${datasource[driver-jar]:-}" ] && { [[ ${datasource[driver-jar]} != *.jar ]] || [ ! -f "${datasource[driver-jar]}" ] || [ ! -r "${datasource[driver-jar]}" ]; }; then
    echo "$1: driver-jar is not a readable .jar file: ${datasource[driver-jar]}" >&2
    refused=1
  # a jar's entry names are stored uncompressed: PostgreSQL's driver names its Driver class
  elif [ -n "${datasource[driver-jar]:-}" ] && ! LC_ALL=C grep -qa 'org/postgresql/Driver\.class' "${datasource[driver-jar]}"; then
    echo "$1: driver-jar is not PostgreSQL's JDBC driver (it has no org.postgresql.Driver): ${datasource[driver-jar]}" >&2
    refused=1
  fi
  if [ "$refused" -ne 0 ]; then
    echo "$1: nothing applied" >&2
    exit 3
  fi
  if [ -n "$(find "$1" -perm /077)" ]; then
    echo "warning: $1 holds the database's password and others than its owner may read it: chmod 600 $1" >&2
  fi
}

redact() {
  local text=$1 key value
  # every value read, the datasource's password among them (added to `values` by the scripts)
  for key in "${!values[@]}"; do
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
