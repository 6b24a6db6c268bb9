import Foundation

/// Where the catalog comes from, in lookup order: the built-in `Exercises/`, then the user's
/// `$XDG_CONFIG_HOME/limber/exercises`, then `--catalog DIR` / `LIMBER_CATALOG`. A file in a later
/// directory replaces the exercise or routine with the same id from an earlier one.
///
/// The built-in directory is the first that exists of:
/// 1. `<exe dir>/Exercises` (a binary unpacked next to its data);
/// 2. `<package root>/Exercises`, where the package root is the nearest ancestor of the
///    executable's directory (at most 6 levels up) holding `Package.swift`: this finds the
///    catalog for `.build/debug/limber` and `.build/<triple>/release/limber`;
/// 3. `<working directory>/Exercises`;
/// 4. `<exe dir>/../share/limber/Exercises` (installed under a prefix);
/// 5. `/usr/local/share/limber/Exercises`, then `/usr/share/limber/Exercises`.
///
/// Everything it reads from the process (environment, executable path, working directory) is a
/// parameter of `resolve`, so tests can point it anywhere.
public struct CatalogLocations: Sendable, Hashable {
    /// Why a directory is in the chain.
    public enum Origin: String, Sendable, Hashable {
        /// The catalog shipped with limber.
        case builtIn = "built-in"
        /// `$XDG_CONFIG_HOME/limber/exercises`.
        case user
        /// `--catalog DIR` or `LIMBER_CATALOG`.
        case extra
    }

    /// One directory of the chain.
    public struct Directory: Sendable, Hashable {
        public var path: String
        public var origin: Origin

        public init(path: String, origin: Origin) {
            self.path = path
            self.origin = origin
        }
    }

    /// The directories to read, in order; later ones override earlier ones.
    public var directories: [Directory]
    /// Problems with the chain itself (no built-in catalog found, a `--catalog` that is not a
    /// directory). The loader adds them to the catalog's issues.
    public var issues: [CatalogIssue]
    /// Where the built-in catalog was looked for, in order (for messages and `--help`).
    public var builtInCandidates: [String]

    public init(directories: [Directory], issues: [CatalogIssue] = [], builtInCandidates: [String] = []) {
        self.directories = directories
        self.issues = issues
        self.builtInCandidates = builtInCandidates
    }

    /// The lookup chain for these inputs.
    /// - Parameters:
    ///   - environment: reads `XDG_CONFIG_HOME`, `HOME` and `LIMBER_CATALOG`.
    ///   - executablePath: the running binary (symlinks already resolved, ideally); `nil` skips
    ///     the executable-relative places.
    ///   - currentDirectory: the working directory; relative paths are resolved against it.
    ///   - catalogOption: the `--catalog` value, which wins over `LIMBER_CATALOG`.
    public static func resolve(
        environment: [String: String], executablePath: String?, currentDirectory: String, catalogOption: String? = nil
    ) -> CatalogLocations {
        var directories: [Directory] = []
        var issues: [CatalogIssue] = []
        let candidates = builtInCandidates(executablePath: executablePath, currentDirectory: currentDirectory)
        if let builtIn = candidates.first(where: isDirectory) {
            directories.append(Directory(path: builtIn, origin: .builtIn))
        } else {
            issues.append(CatalogIssue(
                file: "Exercises", message: "built-in catalog not found (looked in \(candidates.joined(separator: ", "))); reinstall limber or pass --catalog DIR"))
        }
        if let user = userDirectory(environment: environment), isDirectory(user) {
            directories.append(Directory(path: user, origin: .user))
        }
        let extra = [catalogOption, environment["LIMBER_CATALOG"]].compactMap { $0 }.first { !$0.isEmpty }
        if let extra {
            let path = absolute(extra, in: currentDirectory)
            if isDirectory(path) {
                directories.append(Directory(path: path, origin: .extra))
            } else {
                issues.append(CatalogIssue(file: extra, message: "is not a directory; check --catalog / LIMBER_CATALOG"))
            }
        }
        return CatalogLocations(directories: directories, issues: issues, builtInCandidates: candidates)
    }

    /// The chain for the running process: its environment, its executable, its working directory.
    public static func current(catalogOption: String? = nil) -> CatalogLocations {
        resolve(
            environment: ProcessInfo.processInfo.environment, executablePath: currentExecutablePath(),
            currentDirectory: FileManager.default.currentDirectoryPath, catalogOption: catalogOption)
    }

    /// The places the built-in catalog may be, in the order they are tried.
    public static func builtInCandidates(executablePath: String?, currentDirectory: String) -> [String] {
        var result: [String] = []
        if let executablePath {
            let exeDir = parent(of: absolute(executablePath, in: currentDirectory))
            result.append(join(exeDir, "Exercises"))
            var dir = exeDir
            for _ in 0..<6 {
                if FileManager.default.fileExists(atPath: join(dir, "Package.swift")) {
                    result.append(join(dir, "Exercises"))
                    break
                }
                let up = parent(of: dir)
                if up == dir { break }
                dir = up
            }
            result.append(join(currentDirectory, "Exercises"))
            result.append(standardized(join(exeDir, "../share/limber/Exercises")))
        } else {
            result.append(join(currentDirectory, "Exercises"))
        }
        result.append("/usr/local/share/limber/Exercises")
        result.append("/usr/share/limber/Exercises")
        var seen = Set<String>()
        return result.filter { seen.insert($0).inserted }
    }

    /// `$XDG_CONFIG_HOME/limber/exercises`, or `~/.config/limber/exercises`. A relative
    /// `XDG_CONFIG_HOME` is ignored, as the XDG spec asks.
    public static func userDirectory(environment: [String: String]) -> String? {
        if let config = environment["XDG_CONFIG_HOME"], config.hasPrefix("/") {
            return join(config, "limber/exercises")
        }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return join(home, ".config/limber/exercises")
    }

    /// The running binary with symlinks resolved (so `~/bin/limber -> checkout/.build/...` still
    /// finds the checkout's catalog).
    public static func currentExecutablePath() -> String? {
        #if os(Linux)
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
        #endif
        if let path = Bundle.main.executablePath { return URL(fileURLWithPath: path).resolvingSymlinksInPath().path }
        return CommandLine.arguments.first.map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path }
    }

    static func isDirectory(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
    }

    static func absolute(_ path: String, in base: String) -> String {
        standardized(path.hasPrefix("/") ? path : join(base, path))
    }

    /// `..` and `.` removed without touching the file system (no symlink resolution, so paths
    /// in messages look like what the person typed).
    static func standardized(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    /// The catalog files under `directory`: the relative paths of every `.yaml` / `.yml` entry
    /// (folders so named too, which the loader reports), in no particular order, without
    /// descending into hidden folders (a hidden file or folder is never part of the catalog) or
    /// into symbolic links to folders.
    ///
    /// Read with readdir: Foundation's `subpathsOfDirectory` trims the folder's path off every
    /// entry through generic collection algorithms, a tenth of listing 1,000 exercises.
    static func catalogFiles(in directory: String) throws(CatalogListingError) -> [String] {
        var files: [String] = []
        var pending: [String] = [""]
        while let relative = pending.popLast() {
            let path = relative.isEmpty ? directory : join(directory, relative)
            guard let handle = opendir(path) else { throw CatalogListingError(path: path, code: errno) }
            defer { closedir(handle) }
            while let entry = readdir(handle) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
                }
                guard !name.hasPrefix(".") else { continue }
                let child = relative.isEmpty ? name : relative + "/" + name
                var kind = Int32(entry.pointee.d_type)
                if kind == Int32(DT_UNKNOWN) {
                    // Some file systems do not say: ask, without following a link.
                    var info = stat()
                    kind = lstat(join(directory, child), &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR ? Int32(DT_DIR) : Int32(DT_REG)
                }
                if kind == Int32(DT_DIR) { pending.append(child) }
                // A folder named like a catalog file is listed too: the loader says it is not a file.
                if name.hasSuffix(".yaml") || name.hasSuffix(".yml") { files.append(child) }
            }
        }
        return files
    }

    static func join(_ a: String, _ b: String) -> String {
        a.hasSuffix("/") ? a + b : a + "/" + b
    }

    static func parent(of path: String) -> String {
        let trimmed = standardized(path)
        guard let slash = trimmed.lastIndex(of: "/"), trimmed != "/" else { return "/" }
        let head = String(trimmed[..<slash])
        return head.isEmpty ? "/" : head
    }
}

/// A folder of the catalog that could not be listed.
struct CatalogListingError: Error, CustomStringConvertible {
    var path: String
    var code: Int32

    var description: String { String(cString: strerror(code)) }
}
