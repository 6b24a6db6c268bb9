import MonotonicTime
import CoachPolicy
import TUIKit
import SessionEngine

/// The six views of `limber review`, numbered as their keys.
public enum ReviewView: Int, CaseIterable, Sendable, Hashable {
    /// Every session, newest first.
    case sessions = 1
    /// One session's sets.
    case detail
    /// Pain before/after sessions over the last 12 weeks.
    case trend
    /// Calendar, sessions per week, last 14 days, weekly streak.
    case adherence
    /// Volume and pain over time for one exercise.
    case progress
    /// The weekly outcome measures (PEG and PSFS) with their meaningful changes.
    case outcomes

    /// The tab title.
    public var title: String {
        switch self {
        case .sessions: "Sessions"
        case .detail: "Detail"
        case .trend: "Trend"
        case .adherence: "Adherence"
        case .progress: "Progress"
        case .outcomes: "Outcomes"
        }
    }

    /// The view after this one (Tab), wrapping around.
    public var next: ReviewView { ReviewView(rawValue: rawValue % ReviewView.allCases.count + 1)! }
}

/// `limber review` as an `InteractiveProgram`: browse the log without changing it.
///
/// Keys: ↑/↓ (j/k) move, PgUp/PgDn page, Home/End (g/G) first/last, Enter opens, ←/→ older or
/// newer session in the detail (previous or next exercise in progress), Tab or 1-6 switch views,
/// Esc or q go back one level and quit from a top view, `?` shows the keys.
///
/// History is read through a ``ReviewDataSource`` only as far as it is looked at: the list is
/// read in pages of ``pageSize`` around the selection, the 12-week window when the trend or
/// adherence view first opens, exercises when the progress view first opens. Rendering reads
/// nothing: it is a pure function of this value and the size.
public struct ReviewProgram: InteractiveProgram {
    /// Sessions read per page of the list.
    public static let pageSize = 100
    /// Weeks shown by the trend and adherence views.
    public static let windowWeeks = 12

    /// The view on screen.
    public private(set) var view: ReviewView = .sessions
    /// True while the `?` overlay is shown.
    public private(set) var showsHelp = false
    /// True once the person quit.
    public private(set) var isFinished = false
    /// How many sessions the log holds.
    public private(set) var sessionCount = 0
    /// The selected row of the list (0 = newest).
    public private(set) var selectedIndex = 0
    /// Pages the list has read so far (for tests of lazy loading).
    public private(set) var pagesRead = 0
    /// The last error reading the log, shown instead of the view.
    public private(set) var problem: String?

    let source: any ReviewDataSource
    /// The local day the review treats as today.
    public let today: ReviewDay
    /// The terminal size last seen (for paging and scrolling before the next frame).
    var size: Size
    var pages: [Int: [ReviewSession]] = [:]
    var listTop = 0

    var detail: ReviewSessionDetail?
    var detailSetIndex = 0
    var detailTop = 0

    var windowLoaded = false
    var trend: PainTrend?
    var adherence: Adherence?

    var exercises: [ReviewExercise]?
    var exerciseIndex = 0
    var exerciseTop = 0
    var progress: ExerciseTrend?

    /// Days a week the person plans (the `weekly_target` setting): the adherence view's plan.
    public let weeklyTarget: Int
    /// The weekly check-ins, read when the outcomes view first opens.
    var outcomes: OutcomeHistory?

    /// A review of `source` as seen on `today`, for a terminal of `size` (the loop sends later
    /// sizes as they change). Reads the session count and the first page.
    public init(source: any ReviewDataSource, today: ReviewDay, size: Size = Size(width: 80, height: 24), weeklyTarget: Int = 7) {
        self.source = source
        self.weeklyTarget = weeklyTarget
        self.today = today
        self.size = size
        if let count = take(Result { try source.sessionCount() }) { sessionCount = count }
        ensurePages(around: 0)
    }

    // MARK: - InteractiveProgram

    public func render(size: Size, now: Instant) -> Grid {
        ReviewScreen(program: self).render(size: size)
    }

    /// Nothing on the review moves by itself.
    public func nextWake(after now: Instant) -> Instant? { nil }

    public mutating func handle(_ message: ProgramMessage) -> [ProgramCommand] {
        switch message {
        case .tick:
            return []
        case .resize(let newSize, _):
            size = newSize
            keepSelectionsVisible()
            return []
        case .key(let key, _):
            return handle(key: key)
        }
    }

    // MARK: - Keys

    private mutating func handle(key: Key) -> [ProgramCommand] {
        if showsHelp {
            showsHelp = false
            return []
        }
        switch key {
        case .character("?"):
            showsHelp = true
            return []
        case .character("\t"):
            open(view.next)
            return []
        case .character(let c) where c.wholeNumberValue.map { (1...ReviewView.allCases.count).contains($0) } == true:
            open(ReviewView(rawValue: c.wholeNumberValue!)!)
            return []
        case .escape, .character("q"), .character("Q"):
            return back()
        default:
            break
        }
        switch view {
        case .sessions: handleList(key)
        case .detail: handleDetail(key)
        case .trend, .adherence, .outcomes: break
        case .progress: handleProgress(key)
        }
        return []
    }

    /// Esc/q: from the detail back to the list, from an exercise back to the picker, else quit.
    private mutating func back() -> [ProgramCommand] {
        switch view {
        case .detail:
            view = .sessions
            return []
        case .progress where progress != nil:
            progress = nil
            return []
        default:
            isFinished = true
            return [.quit]
        }
    }

    /// Shows `newView`, reading what it needs the first time.
    public mutating func open(_ newView: ReviewView) {
        view = newView
        switch newView {
        case .sessions: break
        case .detail: loadDetail()
        case .trend, .adherence: loadWindow()
        case .progress: loadExercises()
        case .outcomes: loadOutcomes()
        }
    }

    private mutating func handleList(_ key: Key) {
        guard sessionCount > 0 else { return }
        let page = max(1, ReviewLayout(size: size).listRows)
        switch key {
        case .up, .character("k"): select(selectedIndex - 1)
        case .down, .character("j"): select(selectedIndex + 1)
        case .pageUp: select(selectedIndex - page)
        case .pageDown: select(selectedIndex + page)
        case .home, .character("g"): select(0)
        case .end, .character("G"): select(sessionCount - 1)
        case .enter, .right, .character("l"): open(.detail)
        default: break
        }
    }

    private mutating func handleDetail(_ key: Key) {
        let rows = max(1, ReviewLayout(size: size).detailRows)
        let count = detail?.sets.count ?? 0
        switch key {
        case .up, .character("k"): moveSet(to: detailSetIndex - 1, count: count, rows: rows)
        case .down, .character("j"): moveSet(to: detailSetIndex + 1, count: count, rows: rows)
        case .pageUp: moveSet(to: detailSetIndex - rows, count: count, rows: rows)
        case .pageDown: moveSet(to: detailSetIndex + rows, count: count, rows: rows)
        case .home, .character("g"): moveSet(to: 0, count: count, rows: rows)
        case .end, .character("G"): moveSet(to: count - 1, count: count, rows: rows)
        case .left, .character("h"):
            if selectedIndex + 1 < sessionCount { select(selectedIndex + 1); loadDetail() }
        case .right, .character("l"):
            if selectedIndex > 0 { select(selectedIndex - 1); loadDetail() }
        default: break
        }
    }

    private mutating func handleProgress(_ key: Key) {
        guard let exercises, !exercises.isEmpty else { return }
        let rows = max(1, ReviewLayout(size: size).exerciseRows)
        if progress != nil {
            switch key {
            case .left, .character("h"), .up, .character("k"):
                if exerciseIndex > 0 { selectExercise(exerciseIndex - 1, rows: rows); loadProgress() }
            case .right, .character("l"), .down, .character("j"):
                if exerciseIndex + 1 < exercises.count { selectExercise(exerciseIndex + 1, rows: rows); loadProgress() }
            default: break
            }
            return
        }
        switch key {
        case .up, .character("k"): selectExercise(exerciseIndex - 1, rows: rows)
        case .down, .character("j"): selectExercise(exerciseIndex + 1, rows: rows)
        case .pageUp: selectExercise(exerciseIndex - rows, rows: rows)
        case .pageDown: selectExercise(exerciseIndex + rows, rows: rows)
        case .home, .character("g"): selectExercise(0, rows: rows)
        case .end, .character("G"): selectExercise(exercises.count - 1, rows: rows)
        case .enter, .right, .character("l"): loadProgress()
        default: break
        }
    }

    // MARK: - Selection and scrolling

    private mutating func select(_ index: Int) {
        guard sessionCount > 0 else { return }
        selectedIndex = min(sessionCount - 1, max(0, index))
        listTop = Table.scrollOffset(selected: selectedIndex, visibleRows: ReviewLayout(size: size).listRows, current: listTop)
        ensurePages(around: selectedIndex)
    }

    private mutating func moveSet(to index: Int, count: Int, rows: Int) {
        guard count > 0 else { return }
        detailSetIndex = min(count - 1, max(0, index))
        detailTop = Table.scrollOffset(selected: detailSetIndex, visibleRows: rows, current: detailTop)
    }

    private mutating func selectExercise(_ index: Int, rows: Int) {
        guard let exercises, !exercises.isEmpty else { return }
        exerciseIndex = min(exercises.count - 1, max(0, index))
        exerciseTop = Table.scrollOffset(selected: exerciseIndex, visibleRows: rows, current: exerciseTop)
    }

    private mutating func keepSelectionsVisible() {
        let layout = ReviewLayout(size: size)
        listTop = Table.scrollOffset(selected: selectedIndex, visibleRows: layout.listRows, current: listTop)
        detailTop = Table.scrollOffset(selected: detailSetIndex, visibleRows: layout.detailRows, current: detailTop)
        exerciseTop = Table.scrollOffset(selected: exerciseIndex, visibleRows: layout.exerciseRows, current: exerciseTop)
        ensurePages(around: selectedIndex)
    }

    // MARK: - Reading

    /// The session at list position `index`, if its page has been read.
    public func session(at index: Int) -> ReviewSession? {
        guard index >= 0, index < sessionCount else { return nil }
        guard let page = pages[index / ReviewProgram.pageSize] else { return nil }
        let offset = index % ReviewProgram.pageSize
        return offset < page.count ? page[offset] : nil
    }

    /// Reads the pages holding every row within a screen's height of `index`, so any screen of
    /// rows around the selection is in memory (screens are shorter than a page). The first screen
    /// reads one page, not three: the page either side is read when the selection comes near it.
    private mutating func ensurePages(around index: Int) {
        guard sessionCount > 0 else { return }
        let margin = max(1, size.height)
        let firstPage = max(0, index - margin) / ReviewProgram.pageSize
        let lastPage = min(sessionCount - 1, index + margin) / ReviewProgram.pageSize
        for page in firstPage...lastPage where pages[page] == nil {
            let source = self.source
            if let rows = take(Result { try source.sessions(offset: page * ReviewProgram.pageSize, limit: ReviewProgram.pageSize) }) {
                pages[page] = rows
                pagesRead += 1
            }
        }
    }

    private mutating func loadDetail() {
        guard let session = session(at: selectedIndex) else { detail = nil; return }
        guard detail?.session.id != session.id else { return }
        let source = self.source
        detail = take(Result { try source.detail(sessionID: session.id) }) ?? nil
        detailSetIndex = 0
        detailTop = 0
    }

    private mutating func loadWindow() {
        guard !windowLoaded else { return }
        let source = self.source
        let first = today.weekStart.adding(days: -7 * (ReviewProgram.windowWeeks - 1))
        guard let (recent, days) = take(Result { (try source.sessions(since: first), try source.activeDays()) }) else { return }
        trend = PainTrend(sessions: recent, today: today, weeks: ReviewProgram.windowWeeks)
        adherence = Adherence(sessions: recent, activeDays: days, today: today, weeks: ReviewProgram.windowWeeks, weeklyTarget: weeklyTarget)
        windowLoaded = true
    }

    private mutating func loadOutcomes() {
        guard outcomes == nil else { return }
        let source = self.source
        if let checkIns = take(Result { try source.outcomes() }) { outcomes = OutcomeHistory(checkIns: checkIns) }
    }

    private mutating func loadExercises() {
        guard exercises == nil else { return }
        let source = self.source
        exercises = take(Result { try source.exercises() })
    }

    private mutating func loadProgress() {
        guard let exercises, exerciseIndex < exercises.count else { return }
        let source = self.source, id = exercises[exerciseIndex].id
        if let points = take(Result { try source.progress(exerciseID: id) }) { progress = ExerciseTrend(points: points) }
    }

    /// The value, or nil after noting the error as the problem to show.
    private mutating func take<T>(_ result: Result<T, any Error>) -> T? {
        switch result {
        case .success(let value): return value
        case .failure(let error):
            problem = "Could not read the log: \(error)"
            return nil
        }
    }
}
