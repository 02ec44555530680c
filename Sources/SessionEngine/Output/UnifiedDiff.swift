/// A unified diff (the `diff -u` format) of two texts, for `ssopick populate --dry-run`.
///
/// Lines are compared after splitting at `\n` (a `\r` stays part of its line). The common
/// beginning and end are set aside first, and the middle is compared with the standard
/// library's `difference(from:)` (Myers' algorithm), so a change confined to the managed
/// block costs time in proportion to the block, not the file.
public enum UnifiedDiff {
  /// The diff of `old` and `new`, with `context` unchanged lines around each change, or the
  /// empty string when they are equal.
  public static func render(
    old: String, new: String, oldName: String, newName: String, context: Int = 3
  ) -> String {
    let before = lines(old)
    let after = lines(new)
    guard before != after else { return "" }
    let operations = align(before, after)
    var output = "--- \(oldName)\n+++ \(newName)\n"
    var index = 0
    while index < operations.count {
      guard operations[index].kind != .same else {
        index += 1
        continue
      }
      // A hunk: from `context` lines before this change to `context` lines after the last
      // change that is at most 2 × context unchanged lines from the previous one.
      let start = max(0, index - context)
      var end = index
      var scan = index
      while scan < operations.count {
        if operations[scan].kind != .same {
          end = scan
        } else if scan - end > 2 * context {
          break
        }
        scan += 1
      }
      let stop = min(operations.count, end + context + 1)
      let hunk = operations[start..<stop]
      let oldStart = (hunk.first?.oldLine ?? 0)
      let newStart = (hunk.first?.newLine ?? 0)
      let oldCount = hunk.filter { $0.kind != .insert }.count
      let newCount = hunk.filter { $0.kind != .delete }.count
      output +=
        "@@ -\(range(oldStart, oldCount)) +\(range(newStart, newCount)) @@\n"
      for operation in hunk {
        switch operation.kind {
        case .same: output += " " + operation.text + "\n"
        case .delete: output += "-" + operation.text + "\n"
        case .insert: output += "+" + operation.text + "\n"
        }
      }
      index = stop
    }
    return output
  }

  private enum Kind { case same, delete, insert }

  private struct Operation {
    var kind: Kind
    var text: String
    /// The 1-based line in the old text this operation is at (for inserts: the line after).
    var oldLine: Int
    /// Likewise in the new text.
    var newLine: Int
  }

  private static func lines(_ text: String) -> [String] {
    var result = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if result.last == "" { result.removeLast() }
    return result
  }

  private static func range(_ start: Int, _ count: Int) -> String {
    // diff -u: an empty range names the line before it.
    count == 1 ? "\(start)" : "\(count == 0 ? start - 1 : start),\(count)"
  }

  private static func align(_ before: [String], _ after: [String]) -> [Operation] {
    var prefix = 0
    while prefix < before.count, prefix < after.count, before[prefix] == after[prefix] {
      prefix += 1
    }
    var suffix = 0
    while suffix < before.count - prefix, suffix < after.count - prefix,
      before[before.count - 1 - suffix] == after[after.count - 1 - suffix]
    {
      suffix += 1
    }
    let oldMiddle = Array(before[prefix..<(before.count - suffix)])
    let newMiddle = Array(after[prefix..<(after.count - suffix)])
    let difference = newMiddle.difference(from: oldMiddle)
    var removed: Set<Int> = []
    var inserted: Set<Int> = []
    for change in difference {
      switch change {
      case .remove(let offset, _, _): removed.insert(offset)
      case .insert(let offset, _, _): inserted.insert(offset)
      }
    }
    var operations: [Operation] = []
    var oldIndex = 0
    var newIndex = 0
    for line in 0..<prefix {
      operations.append(
        Operation(kind: .same, text: before[line], oldLine: line + 1, newLine: line + 1))
    }
    while oldIndex < oldMiddle.count || newIndex < newMiddle.count {
      let oldLine = prefix + oldIndex + 1
      let newLine = prefix + newIndex + 1
      if oldIndex < oldMiddle.count, removed.contains(oldIndex) {
        operations.append(
          Operation(kind: .delete, text: oldMiddle[oldIndex], oldLine: oldLine, newLine: newLine))
        oldIndex += 1
      } else if newIndex < newMiddle.count, inserted.contains(newIndex) {
        operations.append(
          Operation(kind: .insert, text: newMiddle[newIndex], oldLine: oldLine, newLine: newLine))
        newIndex += 1
      } else {
        operations.append(
          Operation(kind: .same, text: oldMiddle[oldIndex], oldLine: oldLine, newLine: newLine))
        oldIndex += 1
        newIndex += 1
      }
    }
    for line in 0..<suffix {
      let oldLine = before.count - suffix + line
      let newLine = after.count - suffix + line
      operations.append(
        Operation(kind: .same, text: before[oldLine], oldLine: oldLine + 1, newLine: newLine + 1))
    }
    return operations
  }
}
