import CoachPolicy
import ExerciseCatalog
import Foundation
import SessionLog
import Testing
@testable import CoachApp

/// The direction of relief (issue 12): the answer is a check-in, the picker lists only the relief
/// routines that match it, and not sure keeps the neutral ones.
@Suite("direction of relief")
struct ReliefDirectionTests {
    static let tilt = Exercise(id: "tilt", name: "Tilt", kind: .mobility, sides: .both, dose: Dose(sets: 1, work: .reps(10), rest: 0),
                               steps: ["Tilt."])
    static func relief(_ id: String, _ direction: ReliefDirection) -> Routine {
        Routine(id: id, name: id, kind: .relief, summary: "s", items: [RoutineItem(exercise: "tilt")], stage: .relief, direction: direction)
    }
    static let catalog = Catalog(exercises: [tilt], routines: [
        relief("gentle-relief", .neutral), relief("relief-extension", .extension), relief("relief-flexion", .flexion),
        Routine(id: "core", name: "Core", kind: .strength, summary: "s", items: [RoutineItem(exercise: "tilt")], stage: .foundation),
    ])

    @Test("the picker: the matching relief routine and the neutral ones; not sure or unasked: neutral only")
    func pickerChoices() {
        func ids(_ direction: ReliefDirection?) -> Set<String> { Set(StartFlow.choices(Self.catalog, direction: direction).map(\.id)) }
        #expect(ids(.extension) == ["gentle-relief", "relief-extension", "core"])
        #expect(ids(.flexion) == ["gentle-relief", "relief-flexion", "core"])
        #expect(ids(.neutral) == ["gentle-relief", "core"])
        #expect(ids(nil) == ["gentle-relief", "core"])
    }

    @Test("keys b, f, n answer; q answers nothing")
    func keys() {
        #expect(ReliefDirectionFlow.direction(forKey: "b") == .extension)
        #expect(ReliefDirectionFlow.direction(forKey: "f") == .flexion)
        #expect(ReliefDirectionFlow.direction(forKey: "n") == .neutral)
        #expect(ReliefDirectionFlow.direction(forKey: "q") == nil)
        #expect(ReliefDirectionFlow.summary(.extension, catalog: Self.catalog) == "Saved: bending back eases your leg. On flare days limber suggests relief-extension.")
    }

    @Test("the answer is stored as a direction check-in; the latest counts; an unknown stored value names the row")
    func stored() throws {
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("limber-direction-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SessionStore(folder: folder)
        #expect(try store.reliefDirection() == nil)
        try store.recordReliefDirection(.flexion, at: Date(timeIntervalSince1970: 1_772_348_400))
        try store.recordReliefDirection(.extension, at: Date(timeIntervalSince1970: 1_772_434_800))
        #expect(try store.reliefDirection() == .extension)
        #expect(try store.checkIns(kind: .direction).map(\.outcome) == ["flexion", "extension"])
        let id = try store.appendCheckIn(CheckInRow(at: Date(timeIntervalSince1970: 1_772_521_200), day: "2026-03-03",
                                                    kind: .direction, answersJSON: "{}", outcome: "sideways"))
        #expect(throws: LogError.unknownValue(table: "check_in", rowID: id, column: "outcome", value: "sideways")) {
            try store.reliefDirection()
        }
    }
}
