import PlainText
import Foundation

/// The policy in plain words, built from `PolicyTable` (the rules the code checks, with their
/// thresholds), so the text can never disagree with the code. `limber policy` prints `text`;
/// `limber policy --markdown` prints `markdown`, which the README's "How limber adapts" holds
/// between its markers (a test fails when they differ).
public enum PolicyDescription {
    /// One titled part of the description.
    public struct Section: Sendable, Hashable {
        public var title: String
        /// One sentence per rule.
        public var rules: [String]

        public init(title: String, rules: [String]) {
            self.title = title
            self.rules = rules
        }
    }

    /// Every part of the table that has rules, in reading order.
    public static var sections: [Section] {
        PolicyRule.Part.allCases.compactMap { part in
            let rules = PolicyTable.rules(in: part)
            guard !rules.isEmpty else { return nil }
            return Section(title: part.title, rules: rules.map(\.sentence))
        }
    }

    static let intro = "It is a self-management aid, not medical advice. Based on public guidance: NICE NG59, the pain-monitoring model (Silbernagel 2007), centralisation (McKenzie), smallest change that matters (Ostelo 2008)."

    /// The whole description as text, wrapped to `width` columns.
    public static func text(width: Int = 78) -> String {
        var lines = ["limber's policy: the rules it follows, in plain words."]
        lines += wrap(intro, width: width, first: "", rest: "")
        for section in sections {
            lines.append("")
            lines.append(section.title)
            for rule in section.rules {
                lines += wrap(rule, width: width, first: "  * ", rest: "    ")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The table as Markdown: one table per part (signal | what limber does | thresholds, with
    /// the constant that holds each threshold), for the README.
    public static func markdown() -> String {
        var lines: [String] = [intro]
        for part in PolicyRule.Part.allCases {
            let rules = PolicyTable.rules(in: part)
            guard !rules.isEmpty else { continue }
            lines.append("")
            lines.append("**\(part.title)**")
            lines.append("")
            lines.append("| rule | signal | what limber does | thresholds |")
            lines.append("|---|---|---|---|")
            for rule in rules {
                let thresholds = rule.thresholds.map { "`\($0.name)` = \($0.value) \($0.unit)" }.joined(separator: "<br>")
                lines.append("| `\(rule.id)` | \(cell(rule.signal)) | \(cell(rule.response)) | \(thresholds) |")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A table cell: pipes escaped.
    static func cell(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|") }

    static func wrap(_ text: String, width: Int, first: String, rest: String) -> [String] {
        PlainText.wrap(text, width: width, first: first, rest: rest)
    }
}
