# policy show / set: values in force, their source, validation and audit.
. "$TOP/tests/cli/lib.sh"
expect_exit 0 $DIXIAN demo --households 20 --db p.db --today 2026-11-24
q p.db "DELETE FROM policy; DELETE FROM audit WHERE action = 'policy.set'"
expect_exit 0 $DIXIAN account add 县农业农村局 --level 县 --scope 532399 --as xian532399 --db p.db
expect_exit 0 $DIXIAN account add 云华乡 --level 乡 --scope 532399101 --as xian532399 --db p.db
expect_exit 0 $DIXIAN policy show --db p.db --area 532399 --year 2025
expect_grep '^monitoring_line	8700.00	默认值	' out
expect_grep '^target_label	监测对象	默认值' out
expect_grep '^holidays		默认值' out
# a province-wide value: no account may set it (a county's scope ends at the
# county); it comes with the province's settings, written here directly
q p.db "INSERT INTO policy(county_code, area_prefix, year, key, value, set_by, set_at)
	VALUES('53', '53', 2025, 'monitoring_line', '9000.00', '省', '2025-01-01T00:00:00Z')"
expect_exit 0 $DIXIAN policy set monitoring_line 9500 --area 532399 --year 2025 --from 2025-07-01 --as 县农业农村局 --db p.db
expect_grep 'monitoring_line = 9500.00' out
expect_exit 0 $DIXIAN policy set holidays '2025-10-01,2025-10-02' --area 532399 --year 2025 --as 县农业农村局 --db p.db
# the county's line wins over the province's, from its effective date
expect_exit 0 $DIXIAN policy show --db p.db --area 532399101 --year 2025
expect_grep '^monitoring_line	9500.00	532399 2025年 自2025-07-01起（县农业农村局 设置）' out
expect_grep '^holidays	2025-10-01,2025-10-02	532399 2025年' out
expect_exit 0 $DIXIAN policy show --db p.db --area 532399101 --year 2025 --date 2025-06-30
expect_grep '^monitoring_line	9000.00	53 2025年' out
expect_exit 0 $DIXIAN policy show --db p.db --area 532301 --year 2025
expect_grep '^monitoring_line	9000.00	53 2025年' out
expect_exit 0 $DIXIAN policy show --db p.db --area 532399 --year 2026
expect_grep '^monitoring_line	8700.00	默认值' out
# audited with the old and the new value
expect_eq "$(q p.db "SELECT count(*) FROM audit WHERE action = 'policy.set'")" 2
expect_eq "$(q p.db "SELECT actor FROM audit WHERE entity_key = '532399/2025/monitoring_line/2025-07-01'")" 县农业农村局
q p.db "SELECT before, after FROM audit WHERE entity_key = '532399/2025/monitoring_line/2025-07-01'" > a
expect_grep '"value":"9000.00"' a
expect_grep '"value":"9500.00"' a
# only a county account, within its scope, may set policy
expect_exit 3 $DIXIAN policy set monitoring_line 9600 --area 532399101 --year 2025 --as 云华乡 --db p.db
expect_grep '只有县级经办账号' err
expect_exit 3 $DIXIAN policy set monitoring_line 9600 --area 53 --year 2025 --as 县农业农村局 --db p.db
expect_grep '管辖范围' err
expect_exit 3 $DIXIAN policy set monitoring_line 9600 --area 532399 --year 2025 --as 无此人 --db p.db
expect_grep '没有这个账号' err
# no account, no setting (issue 11.4): refused before the value is read
expect_exit 3 $DIXIAN policy set monitoring_line 9600 --area 532399 --year 2025 --db p.db
expect_grep '该操作需要账号' err
# refused: bad values, unknown keys, missing area or year, a date in another year
expect_exit 1 $DIXIAN policy set sudden_oop_share 150 --area 532399 --year 2025 --as 县农业农村局 --db p.db
expect_grep '百分比应为 0 到 100' err
expect_exit 1 $DIXIAN policy set no_such_key 1 --area 532399 --year 2025 --as 县农业农村局 --db p.db
expect_grep '未知的参数名' err
expect_exit 1 $DIXIAN policy set holidays 2025-13-01 --area 532399 --year 2025 --as 县农业农村局 --db p.db
expect_exit 2 $DIXIAN policy set monitoring_line 9500 --year 2025 --as 县农业农村局 --db p.db
expect_exit 2 $DIXIAN policy set monitoring_line 9500 --area 5323 --year 2025 --from 2024-07-01 --as 县农业农村局 --db p.db
expect_exit 2 $DIXIAN policy set monitoring_line 9500 --area 12x --year 2025 --as 县农业农村局 --db p.db
expect_eq "$(q p.db "SELECT count(*) FROM policy")" 3
