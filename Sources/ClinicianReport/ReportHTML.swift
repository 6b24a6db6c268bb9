import CoachPolicy
import ExerciseCatalog
import Foundation
import Plot

/// The report as one self-contained HTML file: inline CSS and SVG charts, no script, no image,
/// nothing fetched. Laid out for A4 (`@page size: A4`), charts never split across pages, and every
/// mark says what it is in words as well as colour (it is printed in black and white too).
///
/// Plot writes it, so every text is escaped and every element closed: the output is well-formed
/// XHTML, which the tests read with an XML parser.
public enum ReportHTML {
    typealias Body = Node<HTML.BodyContext>

    /// Above this many sessions the pain table has one row a week (the chart still has every session).
    public static let sessionTableLimit = 90

    public static func render(_ report: ClinicianReport) -> String {
        let html = HTML(
            .lang(.english),
            .head(
                .meta(.charset(.utf8)),
                .title("limber report \(report.periodText)"),
                .style(css)
            ),
            .body(.group(body(report)))
        )
        return html.render()
    }

    static func body(_ r: ClinicianReport) -> [Body] {
        [
            .header(
                .h1(.text("Exercise and pain log: report for the clinician")),
                .p(.class("lead"), .text(
                    "\(r.periodText) · made \(r.generated.text) by limber, a self-management coach for sciatica and low back pain (not a medical device)."))
            ),
            summary(r), painSection(r), reachSection(r), outcomesSection(r), adherenceSection(r),
            exercisesSection(r), eventsSection(r), checksSection(r), prescriptionSection(r),
        ]
    }

    // MARK: Sections

    static func summary(_ r: ClinicianReport) -> Body {
        let met = r.weeksMet
        let marks = r.meaningfulCounts
        var items: [(String, String)] = [
            ("Sessions", "\(r.sessionCount) (\(r.completedCount) completed), \(r.setCount) sets"),
            ("Weekly plan", "\(r.weeklyTarget) days a week; met in \(met.met) of \(met.of) finished weeks"),
            ("Pain around sessions", "\(marks.better) session\(marks.better == 1 ? "" : "s") meaningfully better after, \(marks.worse) worse (\(MeaningfulChange.note))"),
        ]
        if let reach = r.reachFirstLast {
            items.append(("Pain reaches", "\(reach.first.plainText) at the start, \(reach.last.plainText) now"))
        }
        items.append(("Stops, spreads, skips, flares",
                      "\(r.count(.stop)) stops, \(r.count(.spread)) spread marks, \(r.count(.skip)) skips, \(r.count(.flare)) flare days"))
        let concerns = r.checks.filter { $0.concern != nil }.count
        items.append(("Red flags", r.checks.isEmpty ? "no red-flag check logged"
                      : concerns == 0 ? "\(r.checks.count) checks, none needing attention"
                      : "\(concerns) of \(r.checks.count) checks had an answer needing attention (see below)"))
        return section("summary", "Summary", [
            el("dl", [], items.flatMap { [el("dt", [], [.text($0.0)]), el("dd", [], [.text(safe($0.1))])] }),
        ])
    }

    static func painSection(_ r: ClinicianReport) -> Body {
        var nodes: [Body] = [
            .p(.text("Leg and back pain (0-10) before and after each session. A change is marked only when it is meaningful: \(MeaningfulChange.note); smaller changes are \u{201C}no clear change\u{201D}.")),
        ]
        if r.pain.isEmpty { return section("pain", "Pain before and after sessions", nodes + [.p(.text("No sessions in this period."))]) }
        nodes.append(figure(painChart(r, leg: true), "Leg pain: before (dashed) and after (solid) each session; ▼ meaningfully better, ▲ meaningfully worse after the session."))
        nodes.append(figure(painChart(r, leg: false), "Back pain: before (dashed) and after (solid) each session; ▼ better, ▲ worse."))
        if r.pain.count <= sessionTableLimit {
            nodes.append(table(id: "pain-table", ["Date", "Routine", "Status", "Leg before → after", "", "Back before → after", ""],
                               r.pain.map { row in
                [cell(row.day.text), cell(safe(row.routineName)), cell(statusText(row.status)),
                 cell(row.leg?.text ?? "-", "num"), markCell(row.leg?.mark), cell(row.back?.text ?? "-", "num"), markCell(row.back?.mark)]
            }))
        } else {
            nodes.append(.p(.text("\(r.pain.count) sessions: one row a week (means); the charts above show every session.")))
            nodes.append(table(id: "pain-table", ["Week of", "Sessions", "Leg before → after", "Back before → after", "Better", "Worse"],
                               r.painWeeks.map { w in
                [cell(w.start.text), cell("\(w.sessions)", "num"), cell(w.legText, "num"), cell(w.backText, "num"),
                 cell("\(w.better)", "num"), cell("\(w.worse)", "num")]
            }))
        }
        return section("pain", "Pain before and after sessions", nodes)
    }

    static func reachSection(_ r: ClinicianReport) -> Body {
        let rows = r.pain.filter { $0.reachBefore != nil || $0.reachAfter != nil }
        var nodes: [Body] = [.p(.text("How far down the leg the pain reaches, asked before and after each session (back only, buttock, thigh, below the knee, foot). Pain retreating toward the back is a good sign (centralisation)."))]
        guard !rows.isEmpty else { return section("reach", "How far down the leg", nodes + [.p(.text("Not recorded in this period."))]) }
        let moves = r.reachMoves
        if let fl = r.reachFirstLast {
            nodes.append(.p(.class("figures"), .text("Before the first session: \(fl.first.plainText) · before the latest: \(fl.last.plainText) · moved up toward the back during \(moves.up) session\(moves.up == 1 ? "" : "s"), spread further down during \(moves.down).")))
        }
        nodes.append(figure(reachChart(r), "Reach before (○) and after (●) each session; lower on the chart is further down the leg."))
        return section("reach", "How far down the leg", nodes)
    }

    static func outcomesSection(_ r: ClinicianReport) -> Body {
        var nodes: [Body] = [.p(.text("Weekly outcome measures: the PEG (pain, enjoyment of life, general activity; 0-10, lower is better) and the Patient-Specific Functional Scale (activities the person chose, 0 unable to 10 as before; higher is better). Changes are from the first check-in in this report; \(OutcomeChange.note)."))]
        if r.peg.isEmpty && r.psfs.isEmpty {
            return section("outcomes", "PEG and PSFS", nodes + [.p(.text("No weekly check-in in this period."))])
        }
        if r.peg.count + r.psfs.count > 1 { nodes.append(figure(outcomeChart(r), "PEG score (solid, lower is better) and PSFS mean (dashed, higher is better); ◆ a meaningful change from the first.")) }
        if !r.peg.isEmpty {
            nodes.append(table(id: "peg-table", ["Date", "Pain", "Enjoyment", "Activity", "PEG", "Change", ""], r.peg.map { row in
                [cell(row.day.text), cell("\(row.answers.pain)", "num"), cell("\(row.answers.enjoyment)", "num"),
                 cell("\(row.answers.activity)", "num"), cell(one(row.score), "num"), cell(row.changeFromFirst.map(signed) ?? "first", "num"),
                 markCell(row.meaningful ? (row.changeFromFirst ?? 0) < 0 ? "better" : "worse" : nil)]
            }))
        }
        if !r.psfs.isEmpty {
            nodes.append(table(id: "psfs-table", ["Date", "Activities (0-10)", "PSFS", "Change", ""], r.psfs.map { row in
                [cell(row.day.text), cell(safe(row.ratings.map { "\($0.activity) \($0.rating)" }.joined(separator: "; "))),
                 cell(one(row.score), "num"), cell(row.changeFromFirst.map(signed) ?? "first", "num"),
                 markCell(row.meaningful ? (row.changeFromFirst ?? 0) > 0 ? "better" : "worse" : nil)]
            }))
        }
        return section("outcomes", "PEG and PSFS", nodes)
    }

    static func adherenceSection(_ r: ClinicianReport) -> Body {
        let met = r.weeksMet
        var nodes: [Body] = [.p(.class("figures"), .text("Plan: \(r.weeklyTarget) days a week. Met in \(met.met) of \(met.of) finished weeks."))]
        guard !r.weeks.isEmpty else { return section("adherence", "Adherence to the weekly plan", nodes) }
        nodes.append(figure(adherenceChart(r), "Days with a session each week (bars) against the plan (line)."))
        // The last 26 weeks in a table (older weeks are in the chart).
        let shown = r.weeks.suffix(26)
        if shown.count < r.weeks.count { nodes.append(.p(.text("The last \(shown.count) of \(r.weeks.count) weeks:"))) }
        nodes.append(table(id: "adherence-table", ["Week of", "Days", "Sessions", "Plan", ""], shown.map { w in
            [cell(w.start.text), cell("\(w.days)", "num"), cell("\(w.sessions)", "num"), cell("\(w.target)", "num"),
             cell(w.isCurrent ? "this week, so far" : w.met ? "met" : "not met", w.met ? "better" : "")]
        }))
        return section("adherence", "Adherence to the weekly plan", nodes)
    }

    static func exercisesSection(_ r: ClinicianReport) -> Body {
        var nodes: [Body] = [.p(.text("For each exercise: the dose done each session (bars, reps or seconds over all sets) and the highest pain rated during it (line, 0-10)."))]
        if r.exercises.isEmpty { return section("exercises", "Each exercise: dose and pain", nodes + [.p(.text("No sets in this period."))]) }
        nodes.append(table(id: "exercise-table", ["Exercise", "Sessions", "First dose", "Latest dose", "Highest pain, first → latest", "Spread marks"],
                           r.exercises.map { e in
            [cell(safe(e.name)), cell("\(e.points.count)", "num"), cell(e.firstDose), cell(e.lastDose),
             cell("\(e.points.first?.maxPain ?? 0) → \(e.points.last?.maxPain ?? 0)", "num"), cell("\(e.points.filter(\.spread).count)", "num")]
        }))
        for e in r.exercises {
            nodes.append(figure(exerciseChart(r, e), "\(safe(e.name)): \(e.unit == .reps ? "reps" : "seconds") done per session and highest pain."))
        }
        return section("exercises", "Each exercise: dose and pain", nodes)
    }

    static func eventsSection(_ r: ClinicianReport) -> Body {
        let nodes: [Body] = [
            .p(.text("Every stop (the pain rules ended an exercise), spread mark (symptoms spread down the leg), skipped exercise with the person's reason, flare day and session ended early.")),
            r.events.isEmpty ? .p(.text("None in this period.")) :
                table(id: "events-table", ["Date", "Time", "What", "Exercise", "Reason"], r.events.map { e in
                    [cell(e.day.text), cell(e.time), cell(e.kind.rawValue, e.kind == .stop || e.kind == .spread ? "worse" : ""),
                     cell(safe(e.exercise ?? "")), cell(safe(e.reason))]
                }),
        ]
        return section("events", "Stops, spread marks, skips and flares", nodes)
    }

    static func checksSection(_ r: ClinicianReport) -> Body {
        let nodes: [Body] = [
            .p(.text("Answers to the red-flag questions (daily screen and the four-weekly history check) and the assessments the person confirmed.")),
            r.checks.isEmpty ? .p(.text("No red-flag check in this period.")) :
                table(id: "checks-table", ["Date", "Check", "Answer", "Outcome"], r.checks.map { c in
                    [cell(c.day.text), cell(c.what), cell(safe(c.answer)), cell(c.concern ?? (c.what.hasSuffix("assessed") ? "" : "clear"), c.concern == nil ? "" : "worse")]
                }),
        ]
        return section("red-flags", "Red flags and assessments", nodes)
    }

    static func prescriptionSection(_ r: ClinicianReport) -> Body {
        var nodes: [Body] = []
        if let routine = r.prescriptionRoutine {
            nodes.append(.p(.text("What limber prescribes for the next session of \(safe(routine)) (the last routine done), from the log as `limber start` computes it, before the day's pain check.")))
        }
        if let note = r.prescriptionNote { nodes.append(.p(.class("figures"), .text(safe(note)))) }
        if !r.prescription.isEmpty {
            nodes.append(table(id: "prescription-table", ["Exercise", "Dose", "Change", "Why"], r.prescription.map { p in
                [cell(safe(p.exercise)), cell(p.dose), cell(p.change), cell(safe(p.reason))]
            }))
        }
        return section("prescription", "Current prescription", nodes)
    }

    // MARK: Charts (inline SVG, 680 x 170 user units, scaled to the page width)

    static let chartWidth = 680.0, chartHeight = 170.0
    // Room on the left for the longest tick label ("below knee" on the reach chart).
    static let left = 68.0, right = 8.0, top = 8.0, bottom = 22.0

    struct Frame {
        var from: Int, to: Int, yMax: Double
        var height = ReportHTML.chartHeight
        func x(_ day: Int) -> Double {
            let span = Double(max(1, to - from))
            return left + (chartWidth - left - right) * (to == from ? 0.5 : Double(day - from) / span)
        }
        func y(_ value: Double) -> Double { top + (height - top - bottom) * (1 - value / yMax) }
    }

    static func frame(_ r: ClinicianReport, yMax: Double, height: Double = chartHeight) -> Frame {
        Frame(from: (r.since ?? r.from)?.ordinal ?? 0, to: max(r.to?.ordinal ?? 0, r.generated.ordinal), yMax: yMax, height: height)
    }

    static func axes(_ f: Frame, ticks: [(Double, String)]) -> [Body] {
        var nodes: [Body] = []
        for (value, label) in ticks {
            nodes.append(svg("line", ["x1": n(left), "x2": n(chartWidth - right), "y1": n(f.y(value)), "y2": n(f.y(value)), "class": "grid"]))
            nodes.append(svg("text", ["x": n(left - 4), "y": n(f.y(value) + 3), "class": "tick", "text-anchor": "end"], text: label))
        }
        let base = f.y(0)
        nodes.append(svg("text", ["x": n(left), "y": n(base + 15), "class": "tick"], text: ClinicianReport.Day(ordinal: f.from).text))
        nodes.append(svg("text", ["x": n(chartWidth - right), "y": n(base + 15), "class": "tick", "text-anchor": "end"],
                         text: ClinicianReport.Day(ordinal: f.to).text))
        return nodes
    }

    static func painChart(_ r: ClinicianReport, leg: Bool) -> Body {
        let f = frame(r, yMax: 10)
        var nodes = axes(f, ticks: [(0, "0"), (5, "5"), (10, "10")])
        var before: [String] = [], after: [String] = []
        var marks: [Body] = []
        for row in r.pain {
            guard let c = leg ? row.leg : row.back else { continue }
            let x = f.x(row.day.ordinal)
            before.append("\(n(x)),\(n(f.y(Double(c.before))))")
            after.append("\(n(x)),\(n(f.y(Double(c.after))))")
            if let mark = c.mark { marks.append(triangle(x: x, y: f.y(Double(c.after)), down: mark == "better")) }
        }
        nodes.append(svg("polyline", ["points": before.joined(separator: " "), "class": "before"]))
        nodes.append(svg("polyline", ["points": after.joined(separator: " "), "class": "after"]))
        return chart(nodes + marks, label: leg ? "leg pain chart" : "back pain chart")
    }

    static func reachChart(_ r: ClinicianReport) -> Body {
        let f = frame(r, yMax: 4)
        // Depth 0 (back only) at the top: the chart's y is 4 - depth.
        var nodes = axes(f, ticks: PainReach.allCases.map { (Double(4 - $0.depth), short($0)) })
        for row in r.pain {
            let x = f.x(row.day.ordinal)
            if let b = row.reachBefore {
                nodes.append(svg("circle", ["cx": n(x), "cy": n(f.y(Double(4 - b.depth))), "r": "3.2", "class": "open"]))
            }
            if let a = row.reachAfter {
                nodes.append(svg("circle", ["cx": n(x), "cy": n(f.y(Double(4 - a.depth))), "r": "2.2", "class": "dot"]))
            }
        }
        return chart(nodes, label: "pain reach chart")
    }

    static func outcomeChart(_ r: ClinicianReport) -> Body {
        var f = frame(r, yMax: 10)
        let outcomeDays = r.peg.map(\.day.ordinal) + r.psfs.map(\.day.ordinal)
        f.from = min(f.from, outcomeDays.min() ?? f.from)
        f.to = max(f.to, outcomeDays.max() ?? f.to)
        var nodes = axes(f, ticks: [(0, "0"), (5, "5"), (10, "10")])
        nodes.append(svg("polyline", ["points": r.peg.map { "\(n(f.x($0.day.ordinal))),\(n(f.y($0.score)))" }.joined(separator: " "), "class": "after"]))
        nodes.append(svg("polyline", ["points": r.psfs.map { "\(n(f.x($0.day.ordinal))),\(n(f.y($0.score)))" }.joined(separator: " "), "class": "before"]))
        for (day, score, meaningful) in r.peg.map({ ($0.day, $0.score, $0.meaningful) }) + r.psfs.map({ ($0.day, $0.score, $0.meaningful) }) {
            let x = f.x(day.ordinal), y = f.y(score)
            nodes.append(meaningful
                ? svg("polygon", ["points": "\(n(x)),\(n(y - 5)) \(n(x + 5)),\(n(y)) \(n(x)),\(n(y + 5)) \(n(x - 5)),\(n(y))", "class": "mark"])
                : svg("circle", ["cx": n(x), "cy": n(y), "r": "2.2", "class": "dot"]))
        }
        return chart(nodes, label: "PEG and PSFS chart")
    }

    static func adherenceChart(_ r: ClinicianReport) -> Body {
        let yMax = Double(max(7, r.weeklyTarget))
        let f = Frame(from: r.weeks.first!.start.ordinal, to: r.weeks.last!.start.ordinal + 6, yMax: yMax)
        var nodes = axes(f, ticks: [(0, "0"), (Double(r.weeklyTarget), "\(r.weeklyTarget)"), (7, "7")])
        let width = max(1, (f.x(f.from + 7) - f.x(f.from)) * 0.7)
        for w in r.weeks where w.days > 0 {
            let x = f.x(w.start.ordinal)
            nodes.append(svg("rect", ["x": n(x), "y": n(f.y(Double(w.days))), "width": n(width),
                                      "height": n(f.y(0) - f.y(Double(w.days))), "class": w.met ? "bar met" : "bar"]))
        }
        nodes.append(svg("line", ["x1": n(left), "x2": n(chartWidth - right), "y1": n(f.y(Double(r.weeklyTarget))),
                                  "y2": n(f.y(Double(r.weeklyTarget))), "class": "target"]))
        return chart(nodes, label: "adherence chart")
    }

    static func exerciseChart(_ r: ClinicianReport, _ e: ClinicianReport.ExerciseTrend) -> Body {
        let most = Double(max(1, e.points.map(\.done).max() ?? 1))
        let f = frame(r, yMax: most, height: 110)
        let pain = Frame(from: f.from, to: f.to, yMax: 10, height: 110)
        var nodes = axes(f, ticks: [(0, "0"), (most, "\(Int(most))")])
        let width = max(0.8, min(8, (chartWidth - left - right) / Double(max(1, f.to - f.from + 1)) * 0.8))
        for p in e.points {
            nodes.append(svg("rect", ["x": n(f.x(p.day.ordinal) - width / 2), "y": n(f.y(Double(p.done))), "width": n(width),
                                      "height": n(f.y(0) - f.y(Double(p.done))), "class": "bar"]))
        }
        nodes.append(svg("polyline", ["points": e.points.map { "\(n(pain.x($0.day.ordinal))),\(n(pain.y(Double($0.maxPain))))" }.joined(separator: " "),
                                      "class": "pain"]))
        nodes.append(svg("text", ["x": n(chartWidth - right), "y": n(top + 8), "class": "tick", "text-anchor": "end"], text: "pain line: 0-10"))
        return chart(nodes, label: "\(e.name) chart", height: 110)
    }

    static func triangle(x: Double, y: Double, down: Bool) -> Body {
        let d = down ? 5.0 : -5.0
        return svg("polygon", ["points": "\(n(x - 4.5)),\(n(y - d)) \(n(x + 4.5)),\(n(y - d)) \(n(x)),\(n(y + d * 0.6))",
                               "class": down ? "better-mark" : "worse-mark"])
    }

    static func short(_ reach: PainReach) -> String {
        switch reach {
        case .backOnly: return "back"
        case .buttock: return "buttock"
        case .thigh: return "thigh"
        case .belowKnee: return "below knee"
        case .foot: return "foot"
        }
    }

    // MARK: Building blocks

    static func el(_ name: String, _ attributes: [(String, String)], _ children: [Body]) -> Body {
        .element(named: name, nodes: attributes.map { Body.attribute(named: $0.0, value: $0.1) } + children)
    }

    static func svg(_ name: String, _ attributes: KeyValuePairs<String, String>, text: String? = nil) -> Body {
        el(name, attributes.map { ($0.key, $0.value) }, text.map { [Body.text(safe($0))] } ?? [])
    }

    static func chart(_ nodes: [Body], label: String, height: Double = chartHeight) -> Body {
        el("svg", [("xmlns", "http://www.w3.org/2000/svg"), ("viewBox", "0 0 \(n(chartWidth)) \(n(height))"),
                   ("role", "img"), ("aria-label", safe(label))], nodes)
    }

    static func figure(_ chart: Body, _ caption: String) -> Body {
        el("figure", [], [chart, el("figcaption", [], [.text(caption)])])
    }

    static func section(_ id: String, _ title: String, _ nodes: [Body]) -> Body {
        el("section", [("id", id)], [el("h2", [], [.text(title)])] + nodes)
    }

    struct Cell { var text: String; var cls: String }
    static func cell(_ text: String, _ cls: String = "") -> Cell { Cell(text: text, cls: cls) }
    static func markCell(_ mark: String?) -> Cell { Cell(text: mark ?? "", cls: mark ?? "") }

    static func table(id: String, _ headers: [String], _ rows: [[Cell]]) -> Body {
        el("table", [("id", id)], [
            el("thead", [], [el("tr", [], headers.map { el("th", [], [.text($0)]) })]),
            el("tbody", [], rows.map { row in
                el("tr", [], row.map { c in el("td", c.cls.isEmpty ? [] : [("class", c.cls)], [.text(c.text)]) })
            }),
        ])
    }

    /// Plot keeps text that looks like an entity (`&amp;`) as it is; escaping every `&` first makes
    /// a person's own words ("R&D;") come out as typed.
    static func safe(_ text: String) -> String {
        text.contains("&") ? text.replacingOccurrences(of: "&", with: "&amp;") : text
    }

    static func n(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    static func one(_ value: Double) -> String { String(format: "%.1f", value) }
    static func signed(_ value: Double) -> String { (value > 0 ? "+" : value < 0 ? "−" : "±") + String(format: "%.1f", abs(value)) }

    static func statusText(_ status: SessionStatus) -> String {
        switch status {
        case .completed: return "completed"
        case .endedEarly: return "ended early"
        case .endedByPolicy: return "ended by the pain rules"
        case .interrupted: return "interrupted"
        case .inProgress: return "in progress"
        }
    }

    static let css = """
        @page { size: A4; margin: 14mm 13mm 16mm 13mm; }
        * { box-sizing: border-box; }
        body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 9.5pt; line-height: 1.35;
               color: #111; background: #fff; max-width: 184mm; margin: 12px auto; padding: 0 6px; }
        h1 { font-size: 15pt; margin: 0 0 2px 0; }
        h2 { font-size: 12pt; margin: 14px 0 4px 0; padding-bottom: 1px; border-bottom: 1.5px solid #444;
             break-after: avoid; page-break-after: avoid; }
        p { margin: 3px 0; }
        .lead { color: #444; }
        .figures { font-weight: bold; }
        dl { display: grid; grid-template-columns: max-content 1fr; gap: 1px 12px; margin: 4px 0; }
        dt { font-weight: bold; }
        dd { margin: 0; }
        figure { margin: 6px 0; break-inside: avoid; page-break-inside: avoid; }
        figcaption { font-size: 8pt; color: #444; }
        svg { display: block; width: 100%; height: auto; overflow: hidden; }
        svg .grid { stroke: #ddd; stroke-width: 1; }
        svg .tick { font-size: 10px; fill: #555; }
        svg .before { fill: none; stroke: #777; stroke-width: 1.2; stroke-dasharray: 4 3; }
        svg .after { fill: none; stroke: #1f4e99; stroke-width: 1.6; }
        svg .pain { fill: none; stroke: #b42318; stroke-width: 1.2; }
        svg .better-mark { fill: #1a7f37; }
        svg .worse-mark { fill: #b42318; }
        svg .mark { fill: #7a3e9d; }
        svg .open { fill: #fff; stroke: #777; stroke-width: 1.2; }
        svg .dot { fill: #1f4e99; }
        svg .bar { fill: #b8c7e0; }
        svg .bar.met { fill: #1f4e99; }
        svg .target { stroke: #b42318; stroke-width: 1.5; stroke-dasharray: 6 3; }
        table { border-collapse: collapse; width: 100%; margin: 4px 0 8px 0; font-size: 8.5pt; }
        thead { display: table-header-group; }
        th { text-align: left; border-bottom: 1.5px solid #444; padding: 2px 4px; }
        td { border-bottom: 1px solid #ddd; padding: 1px 4px; vertical-align: top; }
        tr { break-inside: avoid; page-break-inside: avoid; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        td.better { color: #1a7f37; font-weight: bold; }
        td.worse { color: #b42318; font-weight: bold; }
        @media print { body { margin: 0; padding: 0; max-width: none; } }
        """
}

extension ClinicianReport {
    /// One week of the pain table when there are too many sessions for a row each.
    public struct PainWeek: Sendable, Hashable {
        public var start: Day
        public var sessions: Int
        public var legBefore: Double?, legAfter: Double?, backBefore: Double?, backAfter: Double?
        public var better: Int, worse: Int
        public var legText: String { Self.pair(legBefore, legAfter) }
        public var backText: String { Self.pair(backBefore, backAfter) }
        static func pair(_ a: Double?, _ b: Double?) -> String {
            guard let a, let b else { return "-" }
            return String(format: "%.1f → %.1f", a, b)
        }
    }

    /// The pain rows by week (means of the sessions with a value), oldest first.
    public var painWeeks: [PainWeek] {
        var result: [PainWeek] = []
        var index = 0
        while index < pain.count {
            let week = pain[index].day.weekStart
            var end = index
            while end < pain.count && pain[end].day.weekStart == week { end += 1 }
            let rows = pain[index..<end]
            func mean(_ values: [Int]) -> Double? { values.isEmpty ? nil : Double(values.reduce(0, +)) / Double(values.count) }
            let marks = rows.map { [$0.leg?.mark, $0.back?.mark] }
            result.append(PainWeek(
                start: week, sessions: rows.count,
                legBefore: mean(rows.compactMap { $0.leg?.before }), legAfter: mean(rows.compactMap { $0.leg?.after }),
                backBefore: mean(rows.compactMap { $0.back?.before }), backAfter: mean(rows.compactMap { $0.back?.after }),
                better: marks.filter { !$0.contains("worse") && $0.contains("better") }.count,
                worse: marks.filter { $0.contains("worse") }.count))
            index = end
        }
        return result
    }
}
