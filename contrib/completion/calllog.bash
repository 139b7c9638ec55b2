# bash completion for calllog(1)                          -*- shell-script -*-
#
# A thin shim: 'calllog __complete WORD...' is given the words after
# "calllog", unquoted, the last being the one under the cursor, and prints
# what may come there, one a line, "value" or "value<TAB>what it is"; a
# line ":file" or ":dir" asks for file names.  The binary answers from its
# own tables and journal, so this file only unquotes, quotes and shows.
#
# Installed as PREFIX/share/bash-completion/completions/calllog, which
# bash-completion loads on the first TAB after "calllog"; without
# bash-completion, source this file from ~/.bashrc.

# _calllog_dequote WORD: WORD as the shell will pass it, its quotes and
# backslashes taken away (nothing is expanded), in REPLY.
_calllog_dequote() {
	local s=$1 q= i c
	REPLY=
	for ((i = 0; i < ${#s}; i++)); do
		c=${s:i:1}
		if [[ $q != \' && $c == \\ ]]; then
			((i++))
			REPLY+=${s:i:1}
		elif [[ -n $q && $c == "$q" ]]; then
			q=
		elif [[ -z $q && ($c == \' || $c == \") ]]; then
			q=$c
		else
			REPLY+=$c
		fi
	done
}

_calllog() {
	local prog=${COMP_WORDS[0]} cur=${COMP_WORDS[COMP_CWORD]}
	local n=$COMP_CWORD strip= q= i w v d REPLY
	local -a words=() vals=() descs=()
	COMPREPLY=()
	[[ $prog == '~/'* ]] && prog=$HOME/${prog#'~/'}

	# COMP_WORDBREAKS may split --opt=value into three words: the value
	# is completed as --opt=value, and --opt= taken off the answers.
	if [[ $cur == = && ${COMP_WORDS[n - 1]} == --* ]]; then
		strip=${COMP_WORDS[n - 1]}=
		cur=
		((n--))
	elif ((n > 2)) && [[ ${COMP_WORDS[n - 1]} == = &&
	    ${COMP_WORDS[n - 2]} == --* ]]; then
		strip=${COMP_WORDS[n - 2]}=
		((n -= 2))
	fi
	for ((i = 1; i < n; i++)); do
		w=${COMP_WORDS[i]}
		if [[ $w == = && ${#words[@]} -gt 0 && ${words[-1]} == --* ]] &&
		    ((i + 1 < n)); then
			_calllog_dequote "${COMP_WORDS[++i]}"
			words[-1]+==$REPLY
			continue
		fi
		_calllog_dequote "$w"
		words+=("$REPLY")
	done
	case $cur in
	\'* | \"*) q=${cur:0:1} ;;
	esac
	_calllog_dequote "$cur"
	cur=$REPLY

	while IFS=$'\t' read -r v d; do
		case $v in
		:file | :dir)
			compopt -o filenames 2>/dev/null
			local IFS=$'\n'
			COMPREPLY+=($(compgen "$([[ $v == :dir ]] && echo -d || echo -f)" -- "$cur"))
			return 0 ;;
		'') continue ;;
		esac
		vals+=("${v#"$strip"}")
		descs+=("$d")
	done < <("$prog" __complete "${words[@]}" "$strip$cur" 2>/dev/null)

	for ((i = 0; i < ${#vals[@]}; i++)); do
		v=${vals[i]}
		# Listing (not inserting): the descriptions too.
		if [[ ${#vals[@]} -gt 1 && -n ${descs[i]} ]] &&
		    [[ ${COMP_TYPE-} == 63 || ${COMP_TYPE-} == 33 || ${COMP_TYPE-} == 64 ]]; then
			COMPREPLY+=("$v -- ${descs[i]}")
		elif [[ -n $q ]]; then
			COMPREPLY+=("$v")
		else
			printf -v v %q "$v"
			COMPREPLY+=("$v")
		fi
	done
	return 0
}

complete -F _calllog calllog
