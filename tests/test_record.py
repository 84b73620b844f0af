"""checker.record: the records that replaced dataclasses compare, print and pickle field by field."""

from __future__ import annotations

import pickle

from checker.document import Block, Comment, Revision, Run
from checker.findings import Finding
from checker.outline import Node


def test_records_are_equal_field_by_field_inherited_fields_included():
    a = Comment("1", "张三", "请核实", 3, 2, 5, "2025-01-01")
    assert a == Comment("1", "张三", "请核实", 3, 2, 5, "2025-01-01")
    assert a != Comment("1", "张三", "请核实", 4, 2, 5, "2025-01-01")      # a field of the base record
    assert a != Comment("2", "张三", "请核实", 3, 2, 5, "2025-01-01")      # the record's own field
    assert Revision("ins", "李四", "X", 2) != Comment("ins", "李四", "X", 2)   # another kind of record
    assert Block(1, "青石镇") == Block(1, "青石镇") and Block(1, "青石镇") != Block(1, "青石鎮")


def test_records_print_their_fields_in_order_and_leave_a_tree_out():
    assert repr(Revision("del", "李四", "删去", 7)) == ("Revision(kind='del', author='李四', text='删去', line=7, "
                                                     "column=None, end_column=None, date=None)")
    parent = Node(1, "一、工作回顾")
    child = Node(2, "（一）经济发展", parent=parent)
    parent.children.append(child)
    assert "parent" not in repr(child) and "children" not in repr(parent)   # no endless parent <-> child


def test_records_cross_a_process_boundary():
    f = Finding("placeholder", "error", 3, 5, 3, 7, "XX", "未填写", extra={"expects": "number"})
    b = Block(4, "全镇XX个村", runs=[Run(0, 2, 0), Run(2, 4, 1, {"highlight": "yellow"})])
    for r in (f, b, Comment("9", "王五", "改", 1)):
        assert pickle.loads(pickle.dumps(r)) == r
    assert Finding("placeholder", "error", 1, 1, 1, 2, "X", "m").extra == {}   # a fresh dict each, not shared
    assert Finding("placeholder", "error", 1, 1, 1, 2, "X", "m").extra is not Finding(
        "placeholder", "error", 1, 1, 1, 2, "X", "m").extra
