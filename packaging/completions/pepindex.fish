# fish completion for pepindex (flags of pepindex --help and of its subcommands).
set -l pepindex_subcommands build inspect check dump verify pack unpack rollback
complete -c pepindex -f -n "not __fish_seen_subcommand_from $pepindex_subcommands" -a 'build inspect check dump verify pack unpack rollback'
complete -c pepindex -n "not __fish_seen_subcommand_from $pepindex_subcommands" -l vocab -r -F -d 'vocabulary directory'
complete -c pepindex -n "not __fish_seen_subcommand_from $pepindex_subcommands" -l version -d 'print version, index schema and commit'
complete -c pepindex -s h -l help -d 'print the options'
complete -c pepindex -n '__fish_seen_subcommand_from build' -l corpus -r -F -d 'corpus directory or file'
complete -c pepindex -n '__fish_seen_subcommand_from build' -l index -r -F -d 'index directory'
complete -c pepindex -n '__fish_seen_subcommand_from build' -l strict -d 'fail on any skipped file or warning'
complete -c pepindex -n '__fish_seen_subcommand_from build' -l threads -x -d 'threads, one index shard each'
complete -c pepindex -n '__fish_seen_subcommand_from inspect' -l json -d 'print JSON instead of text'
complete -c pepindex -n '__fish_seen_subcommand_from dump' -l manifest -d "the generation's manifest"
complete -c pepindex -n '__fish_seen_subcommand_from dump' -l passage -x -d 'the passage record with this id'
complete -c pepindex -n '__fish_seen_subcommand_from dump' -l term -x -d "a Xapian term's postings"
complete -c pepindex -n '__fish_seen_subcommand_from dump' -l vocabulary -d 'the vocabulary the index was built with'
complete -c pepindex -n '__fish_seen_subcommand_from pack' -l out -r -F -d 'artifact file to write'
complete -c pepindex -n '__fish_seen_subcommand_from unpack' -l index -r -F -d 'index directory to publish into'
complete -c pepindex -n '__fish_seen_subcommand_from rollback' -l to -x -d 'switch to this kept generation'
