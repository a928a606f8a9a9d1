/dev/fd/3: line 59: briefing: command not found
B rc=127
