# Sourced by the bench scripts: how busy a JVM's JIT compiler still is, so a warm-up can last until the hot paths
# are compiled instead of a fixed time (a run measured while C2 still compiles measures the compiler).
CLK_TCK=$(getconf CLK_TCK)

ticks() {   # ticks PID -> "ALL JIT": CPU ticks (user + system) of the whole process, and of its JIT threads
    local task comm files=()
    for task in /proc/"$1"/task/*; do
        read -r comm <"$task/comm" 2>/dev/null || continue
        case $comm in C[12]\ CompilerThre*) files+=("$task/stat") ;; esac
    done
    # In a stat file, after the ")" that closes the command name: utime is the 12th field, stime the 13th.
    awk '{ sub(/.*\) /, ""); v = $12 + $13 } FILENAME ~ /task/ { jit += v; next } { all = v }
         END { print all + 0, jit + 0 }' "/proc/$1/stat" "${files[@]}" 2>/dev/null || true
}

secs_of() { case $1 in *m) echo $(( ${1%m} * 60 )) ;; *s) echo "${1%s}" ;; *) echo "$1" ;; esac; }
