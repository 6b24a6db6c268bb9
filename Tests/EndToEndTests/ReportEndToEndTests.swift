import Foundation
import Testing

/// `limber report` over a log made by playing a real session in tmux (RoutinePlayer), then read
/// the way a person would: text on the terminal, HTML to a private file, no silent overwrite.
@Suite("clinician report, end to end", .serialized)
struct ReportEndToEndTests {
    @Test("a short session, then the report as text and as an HTML file (0600, refused without --force)")
    func reportAfterASession() throws {
        let sandbox = try LimberSandbox()
        defer { sandbox.cleanUp() }
        let tmux = try TmuxSession(width: 80, height: 24, command: [LimberBinary.path, "start", "five-minute", "--quiet"],
                                   environment: sandbox.environment.merging(SessionEndToEndTests.fast) { $1 })
        let player = RoutinePlayer(tmux: tmux, pain: { _ in ["1"] })
        try player.passChecks(leg: 5, back: 2)
        let summary = try player.play()
        #expect(summary.contains("Session complete"))
        try player.finish(leg: 2, back: 2)
        let today = try sandbox.query("SELECT date(started_at, 'localtime') FROM session")[0][0]

        let text = try sandbox.run(["report", "--format", "text"])
        #expect(text.status == 0)
        #expect(text.stdout.contains("Sessions 1 (1 completed), 7 sets"))
        #expect(text.stdout.contains("1 session meaningfully better after, 0 worse"))  // leg 5 -> 2
        #expect(text.stdout.contains("CURRENT PRESCRIPTION for Five-minute"))
        #expect(text.stdout.split(separator: "\n").count <= 64)

        let file = sandbox.home.appendingPathComponent("report.html").path
        let html = try sandbox.run(["report", "--format", "html", "--output", file])
        #expect(html.status == 0)
        #expect(html.stdout.contains("Wrote the HTML report (1 session"))
        let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let page = try String(contentsOfFile: file, encoding: .utf8)
        #expect(page.contains("<td>\(today)</td>"))
        #expect(page.contains("5 → 2</td><td class=\"better\">better</td>"))
        #expect(page.contains("<section id=\"prescription\">"))

        let again = try sandbox.run(["report", "--format", "html", "--output", file])
        #expect(again.status == 1)
        #expect(again.stderr.contains("already exists") && again.stderr.contains("--force"))
        #expect(try String(contentsOfFile: file, encoding: .utf8) == page)
        let forced = try sandbox.run(["report", "--format", "html", "--output", file, "--force"])
        #expect(forced.status == 0)

        let bad = try sandbox.run(["report", "--since", "last week"])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("--since 'last week' is not a date; give it as YYYY-MM-DD"))
    }
}
