#ifndef HOKULINK_CPTY_H
#define HOKULINK_CPTY_H

#include <sys/types.h>

/// Opens a new pty master (non-blocking, close-on-exec) of the given size and returns its descriptor, or -1
/// with errno set. The slave's path is written to `slave_path` (of `slave_path_size` bytes).
int hokulink_pty_open(unsigned short columns, unsigned short rows, char *slave_path, size_t slave_path_size);

/// Sets the pty's window size (TIOCSWINSZ on the master): the foreground process group gets SIGWINCH.
int hokulink_pty_resize(int master, unsigned short columns, unsigned short rows);

/// Starts `path` with `argv` and `envp` in a new session whose controlling terminal is the pty at `slave_path`,
/// with the slave as its standard input, output and error, an empty signal mask and default signal handlers.
/// Returns the child's pid, or -1 with errno set.
pid_t hokulink_pty_spawn(const char *path, char *const argv[], char *const envp[], const char *slave_path);



/// Whether this system has the locale `name` (LANG, LC_*): a client's locale the server lacks is not passed on.
int hokulink_locale_available(const char *name);
#endif
