/* cmds.h -- the subcommands of the skein command-line tool.
 *
 * Each takes the arguments after the subcommand name (argv[0] is the
 * subcommand) and returns the process exit status: 0 success, 1 bad input or
 * failure, 2 usage error. */
#ifndef SKEIN_CMDS_H
#define SKEIN_CMDS_H

int cmd_cluster(int argc, char **argv);
int cmd_similar(int argc, char **argv);
int cmd_eval(int argc, char **argv);
int cmd_langid(int argc, char **argv);
int cmd_tokens(int argc, char **argv);
int cmd_stories(int argc, char **argv);
int cmd_names(int argc, char **argv);
int cmd_extract(int argc, char **argv);
int cmd_article(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_watch(int argc, char **argv);

#endif
