import Foundation
import Testing

/// A session followed from the mat: how many keys it takes, with the real binary in tmux.
@Suite("hands-free session, end to end", .serialized)
struct HandsFreeEndToEndTests {
    static let fast = ["LIMBER_TIME_SCALE": "20"]

    /// Moves everything logged one day back, so the next launch is "a later day" (the safety
    /// check and the since-last question are asked again).
    static func shiftLogOneDayBack(_ sandbox: LimberSandbox) throws {
        let sql = """
            UPDATE session SET started_at = strftime('%Y-%m-%d %H:%M:%f', started_at, '-1 day'),
                ended_at = strftime('%Y-%m-%d %H:%M:%f', ended_at, '-1 day');
            UPDATE session_set SET completed_at = strftime('%Y-%m-%d %H:%M:%f', completed_at, '-1 day');
            UPDATE check_in SET at = strftime('%Y-%m-%d %H:%M:%f', at, '-1 day'), day = date(day, '-1 day');
            """
        let result = try runProcess("/usr/bin/env", ["sqlite3", sandbox.database, sql])
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test("keys from `limber` to the first hold: day one and a later day (picker remembers, intro starts itself)")
    func keysToTheFirstHold() throws {
        let sandbox = try LimberSandbox()
        defer { sandbox.cleanUp() }
        let environment = sandbox.environment.merging(Self.fast) { $1 }
        var counts: [String: Int] = [:]
        do {
            let tmux = try TmuxSession(command: [LimberBinary.path, "--quiet"], environment: environment)
            var player = RoutinePlayer(tmux: tmux, pain: { _ in ["1"] })
            player.intro = { _ in [] }
            try player.passChecks(leg: 2, back: 1)
            let afterChecks = tmux.keysSent
            try tmux.waitFor("HOLD", timeout: 20)
            #expect(tmux.keysSent == afterChecks, "no key between today's prescription and the first hold")
            counts["day one"] = tmux.keysSent
            try player.play()
            try player.finish(leg: 1, back: 1)
        }
        try Self.shiftLogOneDayBack(sandbox)
        let tmux = try TmuxSession(command: [LimberBinary.path, "--quiet"], environment: environment)
        let picker = try tmux.waitFor("pick a routine")
        #expect(picker.contains("▶ 1. Five-minute minimum (last time)"), "\(picker)")
        try tmux.send("Enter")
        var player = RoutinePlayer(tmux: tmux)
        player.intro = { _ in [] }
        try player.passChecks(leg: 2, back: 1)
        try tmux.waitFor("HOLD", timeout: 20)
        counts["later day"] = tmux.keysSent
        print("keys from `limber` to the first hold: day one \(counts["day one"]!), later day \(counts["later day"]!)")
        let sessions = try sandbox.query("SELECT routine_id FROM session ORDER BY id")
        #expect(sessions == [["five-minute"], ["five-minute"]])
    }

    @Test("core-foundations from the prescription to the summary: one key per rated set, plus the self-paced reps")
    func coreFoundationsKeys() throws {
        let sandbox = try LimberSandbox()
        defer { sandbox.cleanUp() }
        let tmux = try TmuxSession(command: [LimberBinary.path, "start", "core-foundations", "--quiet"],
                                   environment: sandbox.environment.merging(Self.fast) { $1 })
        var player = RoutinePlayer(tmux: tmux, pain: { _ in ["1"] })
        player.intro = { _ in [] }
        try player.passChecks(leg: 2, back: 1)
        let before = tmux.keysSent
        let summary = try player.play(timeout: 180)
        #expect(summary.contains("Session complete"))
        let sessionKeys = tmux.keysSent - before
        let rated = try sandbox.query("SELECT count(*) FROM session_set").first?.first.flatMap { Int($0) } ?? 0
        let selfPaced = try sandbox.query("""
            SELECT coalesce(sum(done_amount), 0) + count(*) FROM session_set WHERE exercise_id = 'clamshell'
            """).first?.first.flatMap { Int($0) } ?? 0
        print("core-foundations: \(tmux.keysSent) keys from `limber start` to the summary, \(sessionKeys) in the session: "
              + "\(rated) rated sets, \(selfPaced) for the self-paced clamshell (Space per rep + Enter)")
        #expect(sessionKeys == rated + selfPaced, "one key per rated set; the only other keys count self-paced reps")
        try player.finish(leg: 1, back: 1)
    }
}
