# fish completion for calllog(1)
#
# A thin shim: 'calllog __complete WORD...' is given the words after
# "calllog", the last being the one under the cursor, and prints what may
# come there, one a line, "value" or "value<TAB>what it is" (as fish
# wants them); a line ":file" or ":dir" asks for file names.  The binary
# answers from its own tables and journal.
#
# Installed as PREFIX/share/fish/vendor_completions.d/calllog.fish.

function __calllog_complete
    set -l words (commandline -opc)
    set -l cur (commandline -ct)
    set -q cur[1]; or set cur ''
    set -l prog $words[1]
    set -e words[1]
    for line in ($prog __complete $words $cur 2>/dev/null)
        switch $line
            case :file
                __fish_complete_path $cur
                return
            case :dir
                __fish_complete_directories $cur
                return
            case '*'
                printf '%s\n' $line
        end
    end
end

complete -c calllog -f -a '(__calllog_complete)'
