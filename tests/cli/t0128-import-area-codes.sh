# The 户成员台账's area rules (domain.md §2): a village code the store does
# not know is created from the row's 县/乡/村 names, unless those names
# belong to other codes (a mistyped code), each refused on its row with
# the code it should have been; the created areas are audited.
. "$TOP/tests/cli/lib.sh"
new_store a.db
expect_exit 0 $DIXIAN import persons "$DATA/persons_utf8bom.csv" --as admin --db a.db
areas=$(q a.db "SELECT count(*) FROM area")
# row NN of a new file: the sample's first household's 户主 in another
# household, with a valid ID number of its own
id() { python3 -c "import sys
b = sys.argv[1]
w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
print(b + '10X98765432'[sum(int(c) * x for c, x in zip(b, w)) % 11])" "$1"; }
row() { # CODE TOWN VILLAGE N
	echo "$1,大姚县,$2,$3,一组,53232619900000$4,一般户,,试户$4,$(id 53232619700101$(printf %03d "$4")),户主,汉族,群众,小学,,健康,普通劳动力,,,是,否,否,,否,否,,,,,,,,"
}
head -2 "$DATA/persons_utf8bom.csv" >bad.csv
{
	row 532326106009 别的乡 新村 1   # row 3: the township's code has another name
	row 532326107001 示例乡 新村 2   # row 4: the township's name has another code
	row 532326106008 示例乡 青山村 3 # row 5: the village's name has another code
	row 532326106007 示例乡 "" 4     # row 6: no name to create it from
} >>bad.csv
expect_exit 1 $DIXIAN import persons bad.csv --as admin --db a.db
expect_grep '^bad.csv:3:区划代码: 区划代码 "532326106009" 不存在：乡镇代码 532326106 是 "示例乡"，不是 "别的乡"' err
expect_grep '^bad.csv:4:区划代码: 区划代码 "532326107001" 不存在：乡(镇) "示例乡" 的代码是 532326106' err
expect_grep '^bad.csv:5:区划代码: 区划代码 "532326106008" 不存在：示例乡 "青山村" 的代码是 532326106001' err
expect_grep '^bad.csv:6:区划代码: 区划代码 "532326106007" 不存在（库中没有此村' err
expect_eq "$(q a.db "SELECT count(*) FROM area")" "$areas" "areas after a refused file"
# named right, it is created, with a new township beside it
head -2 "$DATA/persons_utf8bom.csv" >good.csv
{
	row 532326106009 示例乡 新村 5
	row 532326107001 新乡 新村 6
} >>good.csv
expect_exit 0 $DIXIAN import persons good.csv --as admin --db a.db
expect_eq "$(q a.db "SELECT code || ' ' || name FROM area WHERE code IN ('532326106009', '532326107', '532326107001') ORDER BY code")" \
	"$(printf '532326106009 新村\n532326107 新乡\n532326107001 新村')" "created areas"
expect_eq "$(q a.db "SELECT count(*) FROM audit WHERE entity = 'area' AND action = 'import.insert'
	AND entity_key IN ('532326106009', '532326107', '532326107001')")" 3 "created areas audited"
