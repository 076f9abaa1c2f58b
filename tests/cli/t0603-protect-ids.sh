# Issue 13, a lost laptop: `dixian protect` seals every ID number of the
# store (persons and the ledgers) with a key kept outside it.  The store
# files then hold no ID number; with the key, import, dedupe, look-up and
# every output work as before; without it, outputs show ****** and what
# needs a number is refused; a wrong key is refused at open.
. "$TOP/tests/cli/lib.sh"
python3 - <<'PY'
import csv
W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
def idno(seq, year):
    first = "532326%04d0307%03d" % (year, seq)
    s = sum(int(c) * w for c, w in zip(first, W))
    return first + "10X98765432"[s % 11]
def w(name, header, rows):
    with open(name, "w", newline="") as f:
        c = csv.writer(f)
        c.writerow(header)
        c.writerows(rows)
P = ["区划代码", "县(市、区)", "乡(镇)", "行政村", "户编号", "户类型", "姓名", "证件号码", "与户主关系"]
people = [("H1", "甲", idno(11, 1975), "户主"), ("H1", "乙", idno(12, 2012), "之子"),
          ("H2", "丙", idno(13, 1950), "户主"), ("H3", "丁", idno(14, 1980), "户主")]
w("persons.csv", P, [["532326210001", "大姚县", "昙华乡", "大村", h, "脱贫户", n, i, r]
                     for h, n, i, r in people])
# one more member, and the same number twice in one file
D = ["532326210001", "大姚县", "昙华乡", "大村", "H3", "脱贫户", "丁", idno(14, 1980), "户主"]
w("more.csv", P, [D, ["532326210001", "大姚县", "昙华乡", "大村", "H3", "脱贫户", "戊", idno(15, 2015), "之女"]])
w("dup.csv", P, [D, ["532326210001", "大姚县", "昙华乡", "大村", "H3", "脱贫户", "己", idno(16, 2016), "之女"],
                 ["532326210001", "大姚县", "昙华乡", "大村", "H3", "脱贫户", "庚", idno(16, 2016), "之女"]])
w("loans.csv", ["户编号", "借款人证件号码", "授信日期", "授信额度（万元）", "贷款合同号", "放款日期", "到期日期", "贷款金额（元）"],
  [["H1", idno(11, 1975), "2023-01-01", "5", "A1", "2023-02-01", "2026-02-01", "50000"]])
w("relief.csv", ["证件号码", "姓名", "救助类别", "发放月份", "金额"],
  [[idno(13, 1950), "丙", "城乡低保", "2023-03", "440"]])
w("training.csv", ["证件号码", "姓名", "类型", "项目或岗位名称", "开始日期", "结束日期"],
  [[idno(14, 1980), "丁", "技能培训", "厨师", "2023-03-01", ""]])
with open("ids.txt", "w") as f:
    for k in range(11, 17):
        i = idno(k, [1975, 2012, 1950, 1980, 2015, 2016][k - 11])
        f.write(i + "\n" + i[:17] + "\n")
PY
new_store t.db
expect_exit 0 $DIXIAN import persons persons.csv --as admin --db t.db
for k in loans relief training; do
	expect_exit 0 $DIXIAN import $k $k.csv --as admin --db t.db
done
id1=$(sed -n 1p ids.txt) # 甲, H1
id3=$(sed -n 5p ids.txt) # 丙, H2

# a key file: random, owner-only, never overwritten
expect_exit 0 $DIXIAN protect --new-key k.key
expect_eq "$(stat -c %a k.key)" 600 "key file mode"
expect_exit 3 $DIXIAN protect --new-key k.key
expect_grep '不覆盖已有的密钥文件' err
expect_exit 2 $DIXIAN protect --db t.db
expect_grep 'DIXIAN_KEY_FILE' err

expect_exit 0 $DIXIAN protect --db t.db --key-file k.key
expect_grep '已加密 7 个身份证号' out # 4 persons, 1 loan, 1 payment, 1 training
expect_exit 3 $DIXIAN protect --db t.db --key-file k.key
expect_grep '已经加密保护过了' err

# the store files hold no ID number, not even its first 17 digits; every
# ID column holds tokens
for f in t.db t.db-wal t.db-journal; do
	[ -e "$f" ] || continue
	while read -r id; do
		! grep -qa "$id" "$f" || die "$id in plain text in $f"
	done <ids.txt
done
for t in person loan relief_payment training; do
	expect_eq "$(q t.db "SELECT count(*) FROM $t WHERE id_no NOT LIKE '~%'")" 0 "plain id_no in $t"
done
# derived columns were computed before sealing
expect_eq "$(q t.db "SELECT sex || birth FROM person WHERE name = '甲'")" "男1975-03-07" "甲's sex and birth"

# a wrong key is refused at open, never read as garbage
expect_exit 0 $DIXIAN protect --new-key other.key
expect_exit 3 $DIXIAN household show H1 --db t.db --key-file other.key
expect_grep '密钥不对' err
printf 'a passphrase, not the key\n' >pass.txt
chmod 600 pass.txt
expect_exit 3 $DIXIAN export persons --area 532326 --out x.csv --db t.db --key-file pass.txt
expect_grep '密钥不对' err
[ ! -e x.csv ] || die "an export was written with a wrong key"
expect_exit 2 $DIXIAN household show H1 --db t.db --key-file missing.key
expect_grep '无法读取密钥文件 missing.key（文件不存在）' err

# with the key (option or environment): outputs as before
expect_exit 0 $DIXIAN export persons --area 532326 --out un.csv --unmasked --as admin --db t.db --key-file k.key
expect_grep "$id1" un.csv
export DIXIAN_KEY_FILE=k.key # ($DIXIAN may be a shell function: no env)
expect_exit 0 $DIXIAN export persons --area 532326 --out m.csv --db t.db
unset DIXIAN_KEY_FILE
expect_grep "532326\*\*\*\*\*\*\*\*${id1#??????????????}" m.csv
expect_exit 0 $DIXIAN export loans --area 532326 --out l.csv --unmasked --as admin --db t.db --key-file k.key
expect_grep "$id1" l.csv
expect_exit 0 $DIXIAN export relief --area 532326 --out r.csv --unmasked --as admin --db t.db --key-file k.key
expect_grep "$id3" r.csv
expect_exit 0 $DIXIAN household show "$id3" --db t.db --key-file k.key
expect_grep 'H2' out
expect_exit 0 $DIXIAN household find "$id3" --db t.db --key-file k.key
expect_grep 'H2' out
expect_exit 0 $DIXIAN household show H1 --format json --as admin --unmasked --db t.db --key-file k.key
expect_no_grep '"~' out
expect_grep "$id1" out
# import with the key: unchanged rows are found unchanged (look-up by the
# sealed number), a new member is added, a number twice is refused
expect_exit 0 $DIXIAN import persons persons.csv --as admin --db t.db --key-file k.key
expect_grep '未变 4' out
expect_exit 0 $DIXIAN import loans loans.csv --as admin --db t.db --key-file k.key
expect_grep '未变 1' out
expect_exit 0 $DIXIAN import persons more.csv --as admin --db t.db --key-file k.key
expect_grep '新增 1' out
expect_eq "$(q t.db 'SELECT count(*) FROM person')" 5 "persons after adding one"
expect_exit 1 $DIXIAN import persons dup.csv --as admin --db t.db --key-file k.key
expect_eq "$(q t.db 'SELECT count(*) FROM person')" 5 "persons after a refused file"
if sqlite_only "the store file's bytes (the ID columns' tokens are checked by SQL above)"; then
	while read -r id; do
		! grep -qa "$id" t.db || die "$id in plain text after imports"
	done <ids.txt
fi

# without the key: lists and exports show ******, nothing needing a
# number works, reports do
expect_exit 0 $DIXIAN export persons --area 532326 --out nk.csv --unmasked --as admin --db t.db
expect_grep '甲,\*\*\*\*\*\*,户主' nk.csv
expect_no_grep '~' nk.csv
expect_exit 0 $DIXIAN export training --area 532326 --out nt.csv --db t.db
expect_grep '^\*\*\*\*\*\*,丁' nt.csv
expect_exit 0 $DIXIAN household show H1 --db t.db
expect_no_grep '532326' out
expect_exit 0 $DIXIAN report --area 532326 --year 2023 --db t.db
expect_exit 3 $DIXIAN import persons more.csv --as admin --db t.db
expect_grep '导入这个台账需要密钥' err
expect_exit 0 $DIXIAN household show "$id3" --db t.db --key-file k.key
expect_exit 3 $DIXIAN person leave "$id3" --reason 死亡 --date 2024-01-01 --as admin --db t.db
expect_grep '按身份证号查找需要密钥文件' err
expect_eq "$(q t.db "SELECT count(*) FROM person WHERE left_on IS NOT NULL")" 0 "nobody left"
# with the key it works, and the log keeps no (masked) number: its first
# 6 and last 4 digits with the stored birth date would be the number
expect_exit 0 $DIXIAN person leave "$id3" --reason 死亡 --date 2024-01-01 --as admin --db t.db --key-file k.key
expect_eq "$(q t.db "SELECT count(*) FROM person WHERE left_on IS NOT NULL")" 1 "丙 left"
expect_eq "$(q t.db "SELECT count(*) FROM audit WHERE action = 'person.leave'")" 1 "one leave in the audit"
expect_eq "$(q t.db "SELECT count(*) FROM audit WHERE coalesce(before, '') || coalesce(after, '') LIKE '%身份证号%'")" 0 "numbers in the audit"

# a backup is as protected as its store
# (PostgreSQL: a pg_dump archive, compressed: its data read as text)
expect_exit 0 $DIXIAN backup --out b.bak --db t.db
if [ -n "$on_pg" ]; then
	pg_restore --data-only -f b.txt b.bak || die "pg_restore of the backup"
	expect_grep "COPY public.person " b.txt
else
	cp b.bak b.txt
fi
while read -r id; do
	! grep -qa "$id" b.txt || die "$id in plain text in the backup"
done <ids.txt
expect_exit 0 $DIXIAN restore b.bak --db b.db --as admin
expect_exit 0 $DIXIAN export persons --area 532326 --out b.csv --unmasked --as admin --db b.db --key-file k.key
expect_grep "$id1" b.csv

# the server too: a wrong key is refused as it starts
expect_exit 3 $DIXIAN serve --db t.db --port 0 --key-file other.key
expect_grep '密钥不对' err

# a passphrase instead of a key file: stretched with Argon2id and the
# store's salt; another passphrase is refused
new_store pp.db
expect_exit 0 $DIXIAN import persons persons.csv --as admin --db pp.db
printf 'first passphrase, long enough\n' >p1.txt
printf 'other passphrase, long enough\n' >p2.txt
chmod 600 p1.txt p2.txt
expect_exit 0 $DIXIAN protect --db pp.db --key-file p1.txt
expect_eq "$(q pp.db 'SELECT kdf, length(salt) FROM id_protection')" "argon2id|32" "passphrase protection"
expect_exit 0 $DIXIAN export persons --area 532326 --out pp.csv --unmasked --as admin --db pp.db --key-file p1.txt
expect_grep "$id1" pp.csv
expect_exit 3 $DIXIAN household show H1 --db pp.db --key-file p2.txt
expect_grep '密钥不对' err
if [ -z "$on_pg" ]; then
	! grep -qa "$id1" pp.db || die "$id1 in plain text in pp.db"
fi

# protected while empty, then a county's first load (the bulk insert
# seals each number too)
new_store e.db
expect_exit 0 $DIXIAN protect --db e.db --key-file k.key
expect_grep '已加密 0 个身份证号' out
expect_exit 0 $DIXIAN import persons persons.csv --as admin --db e.db --key-file k.key
expect_eq "$(q e.db "SELECT count(*) FROM person WHERE id_no LIKE '~%'")" 4 "sealed on first load"
expect_eq "$(q e.db "SELECT count(*) FROM person p JOIN person q ON q.id_no = p.id_no WHERE p.name = '甲' AND q.name = '甲'")" 1 "same token as a look-up"
expect_exit 0 $DIXIAN household show "$id1" --db e.db --key-file k.key
expect_grep 'H1' out
for f in e.db e.db-wal; do
	[ -e "$f" ] || continue
	while read -r id; do
		! grep -qa "$id" "$f" || die "$id in plain text in $f"
	done <ids.txt
done
