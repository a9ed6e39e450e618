# bash completion for pepindex, pepsearch and searchd (installed once per command name).
# The flags are those of each program's --help; tests/e2e/shell_completion_test.cpp checks them.

_pepsearch_facet_values() {
  case "$1" in
    --grade) COMPREPLY=($(compgen -W "a b c d" -- "$2")) ;;
    --group) COMPREPLY=($(compgen -W "source none" -- "$2")) ;;
  esac
}

_pepsearch_programs() {
  local cur prev words cword
  _init_completion || return
  local flags="" sub=""
  case "$1" in
    pepsearch)
      case "$prev" in
        --index) _filedir -d; return ;;
        --grade | --group) _pepsearch_facet_values "$prev" "$cur"; return ;;
        --limit | --page | --compound | --indication | --evidence | --ranking | --server | --sub-limit | --server-timeout) return ;;
      esac
      flags="--index --json --full-text --limit --page --compound --indication --grade --evidence --ranking --server --group --sub-limit --server-timeout --evidence-map --version --help"
      ;;
    searchd)
      case "$prev" in
        --index | --static) _filedir -d; return ;;
        --config | --access-log) _filedir; return ;;
        --host | --port | --threads | --cors-origin | --frame-ancestors | --timeout | --max-connections | --max-head-bytes | --max-headers | --keep-alive) return ;;
      esac
      flags="--config --index --host --port --threads --static --cors-origin --frame-ancestors --access-log --timeout --max-connections --max-head-bytes --max-headers --keep-alive --version --help"
      ;;
    pepindex)
      local i
      for ((i = 1; i < cword; i++)); do
        case "${words[i]}" in build | inspect | check | dump | verify | pack | unpack | rollback) sub="${words[i]}"; break ;; esac
      done
      case "$prev" in
        --vocab | --corpus | --index) _filedir -d; return ;;
        --out) _filedir; return ;;
        --threads | --passage | --term | --to) return ;;
      esac
      case "$sub" in
        build) flags="--corpus --index --strict --threads --help" ;;
        inspect) flags="--json --help"; [[ "$cur" != -* ]] && { _filedir; return; } ;;
        check) flags="--help"; [[ "$cur" != -* ]] && { _filedir -d; return; } ;;
        dump) flags="--manifest --passage --term --vocabulary --help"; [[ "$cur" != -* ]] && { _filedir -d; return; } ;;
        verify) flags="--help"; [[ "$cur" != -* ]] && { _filedir; return; } ;;
        pack) flags="--out --help"; [[ "$cur" != -* ]] && { _filedir -d; return; } ;;
        unpack) flags="--index --help"; [[ "$cur" != -* ]] && { _filedir; return; } ;;
        rollback) flags="--to --help"; [[ "$cur" != -* ]] && { _filedir -d; return; } ;;
        *)
          flags="--vocab --version --help"
          [[ "$cur" != -* ]] && { COMPREPLY=($(compgen -W "build inspect check dump verify pack unpack rollback" -- "$cur")); return; }
          ;;
      esac
      ;;
  esac
  COMPREPLY=($(compgen -W "$flags" -- "$cur"))
}

complete -F _pepsearch_programs pepindex pepsearch searchd
