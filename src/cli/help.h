/*
 * help.h - the value lists of help_values.c that help.c prints per command.
 */
#ifndef DX_CLI_HELP_H
#define DX_CLI_HELP_H

void dx_cli_hv_import_kinds(void);
void dx_cli_hv_policy_keys(void);
void dx_cli_hv_levels(void);
void dx_cli_hv_case(void);
void dx_cli_hv_clue(void);
void dx_cli_hv_measure(void);
void dx_cli_hv_notice(void);
void dx_cli_hv_report(void);
void dx_cli_hv_screen(void);

#endif
