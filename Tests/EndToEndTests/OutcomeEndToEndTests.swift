import Foundation
import Testing

/// The weekly outcome measures, the weekly plan and `limber status`, through the real binary:
/// keys sent in tmux as a person would, then the SQLite file read with the sqlite3 shell.
@Suite("weekly outcomes, the plan and limber status, end to end", .serialized)
struct OutcomeEndToEndTests {
    static let fast = ["LIMBER_TIME_SCALE": "20"]

    @Test("a first session of the week asks the PEG, then the activities; the answers are in the log, in status and in the export")
    func firstSessionOfTheWeek() throws {
        let sandbox = try LimberSandbox()
        defer { sandbox.cleanUp() }
        let none = try sandbox.run(["status"])
        #expect(none.status == 0)
        #expect(none.stdout == "limber: no log yet · `limber` starts your first session\n")

        let tmux = try TmuxSession(width: 80, height: 24, command: [LimberBinary.path, "start", "five-minute", "--quiet"],
                                   environment: sandbox.environment.merging(Self.fast) { $1 })
        try tmux.waitFor("welcome")
        try tmux.send("Enter")
        try tmux.waitFor("How many days a week do you mean to do a session?")
        try tmux.send("4")
        try tmux.waitFor("hurt is not harm")
        try tmux.send("Enter")
        try tmux.waitFor("what eases your leg")
        try tmux.send("n")
        try tmux.waitFor("n none")
        try tmux.send("n")
        for _ in 0..<6 {
            try tmux.waitFor("y yes · n no")
            try tmux.send("n")
            usleep(150_000)
        }
        let peg = try tmux.waitFor("limber · weekly: PEG")
        #expect(peg.contains("What number best describes your pain on average in the past week?"))
        try tmux.send("6")
        try tmux.waitFor("2 of 3")
        try tmux.send("5")
        try tmux.waitFor("3 of 3")
        try tmux.send("t")
        let psfs = try tmux.waitFor("limber · weekly: activities")
        #expect(psfs.contains("Which everyday activities are hard because of your back or leg?"))
        try tmux.send("n")
        try tmux.waitFor("Type an activity")
        for name in ["sit for an hour", "put on socks", "walk to the shop"] {
            try tmux.send(name, literal: true)
            try tmux.waitFor("› \(name)")
            try tmux.send("Enter")
        }
        try tmux.waitFor("Enter on an empty line")
        try tmux.send("Enter")
        try tmux.waitFor("sit for an hour")
        for rating in ["3", "4", "5"] {
            try tmux.send(rating)
            usleep(150_000)
        }
        let player = RoutinePlayer(tmux: tmux, pain: { _ in ["1"] })
        try player.passChecks(leg: 3, back: 2)
        _ = try player.play()
        try player.finish(leg: 1, back: 2)
        #expect(try tmux.screen().contains("Weekly check logged: PEG 7.0, activities 4.0."))

        #expect(try sandbox.query("SELECT peg_pain, peg_enjoyment, peg_activity FROM outcome_check_in") == [["6", "5", "10"]])
        #expect(try sandbox.query("SELECT position, activity, rating FROM psfs_rating ORDER BY position")
                == [["0", "sit for an hour", "3"], ["1", "put on socks", "4"], ["2", "walk to the shop", "5"]])
        #expect(try sandbox.query("SELECT list, name FROM psfs_activity ORDER BY position")
                == [["1", "sit for an hour"], ["1", "put on socks"], ["1", "walk to the shop"]])
        let settings = try String(contentsOf: sandbox.home.appendingPathComponent("xdg-config/limber/settings.toml"), encoding: .utf8)
        #expect(settings.contains("weekly_target = 4"))

        let status = try sandbox.run(["status"])
        #expect(status.status == 0)
        #expect(status.stdout == "limber: today done · 1 of 4 this week\n")

        let outcomes = try sandbox.run(["export", "--format", "csv", "--table", "outcomes"])
        #expect(outcomes.stdout.contains(",6,5,10,7.00,4.00,sit for an hour,3,put on socks,4,walk to the shop,5,,,,\r\n"))
        let plan = try sandbox.run(["export", "--format", "csv", "--table", "plan"])
        #expect(plan.stdout == "setting,value\r\nweekly_target,4\r\npsfs_activity_1,sit for an hour\r\npsfs_activity_2,put on socks\r\npsfs_activity_3,walk to the shop\r\n")
        let checkIns = try sandbox.run(["export", "--format", "csv", "--table", "check-ins"])
        #expect(checkIns.stdout.contains(",red_flag,clear,"))
        let all = try sandbox.run(["export", "--format", "json", "--table", "all"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(all.stdout.utf8)) as? [String: Any])
        #expect((object["sessions"] as? [Any])?.count == 1)
        #expect((object["outcomes"] as? [[String: Any]])?.first?["psfs_score"] as? Double == 4)
        #expect((object["plan"] as? [String: Any])?["weekly_target"] as? Int == 4)

        // A second start the same week: no weekly check; status counts the same day once.
        let again = try TmuxSession(width: 40, height: 12, command: [LimberBinary.path, "start", "five-minute", "--quiet"],
                                    environment: sandbox.environment.merging(Self.fast) { $1 })
        try again.waitFor("Leg pain right now")
        #expect(try !again.screen().contains("weekly:"))
        try again.send("q")
        try again.waitForExit()
    }

    @Test("status says a flare: today's next-day answer was 'worse'")
    func statusFlare() throws {
        let sandbox = try LimberSandbox()
        defer { sandbox.cleanUp() }
        _ = try sandbox.run(["check", "outcomes", "--activity", "sit", "--activity", "stand", "--activity", "walk"])
        let sql = "INSERT INTO check_in (at, day, kind, answers_json, outcome) VALUES (strftime('%Y-%m-%d %H:%M:%f', 'now'), date('now', 'localtime'), 'since_last', '{}', 'worse');"
        let insert = try runProcess("/usr/bin/env", ["sqlite3", sandbox.database, sql])
        #expect(insert.status == 0, "\(insert.stderr)")
        let status = try sandbox.run(["status"])
        #expect(status.status == 0)
        #expect(status.stdout == "limber: not done today · 0 of 3 this week · flare today: exercises step back\n")
    }
}
