/// GL_ARB_shading_language_include's `#include "path"` and `#include <path>`, expanded in the source text before
/// the other source-level passes (the compatibility lowering must see the included text too: an included string
/// may write gl_FragColor) and before glslang, which knows only GL_GOOGLE_include_directive and whose C API (12)
/// takes no include callbacks.
///
/// Paths and the tree follow the extension's GLSL Appendix A: a path is tokens between '/'s; ".." walks to the
/// parent (staying at the root), "." stays; a path beginning with '/' starts at the root and ignores the search
/// points. A relative path is looked up from each search point in order (for `"…"` in an included string, first
/// from the location that string was found at); the first location that exists decides: no string there is an
/// error, as is a path no search point finds.
///
/// Only the `#include` directive is handled here; glslang preprocesses the result. So that include guards work
/// (and an `#include` in an `#if 0` block is not looked up), `#ifdef` / `#ifndef` / `#else` / `#endif` with
/// names the shader `#define`s are followed; `#if` / `#elif` conditions are not evaluated: an `#include` under
/// them is expanded when it resolves and otherwise left for glslang, which rejects it only where it is active.
public enum GLSLIncludeExpansion {
    /// What the named-string tree holds at a tree location.
    public enum Entry: Equatable, Sendable {
        /// A string is associated with the location.
        case string(String)
        /// The location exists (a string lives below it) but has no string of its own.
        case location
        /// No such location.
        case absent
    }

    /// The extension's `#extension` name.
    public static let extensionName = "GL_ARB_shading_language_include"
    /// What the extension's `#extension` line becomes, defined to 1, and what the source's own mentions of the
    /// name (`#ifdef GL_ARB_shading_language_include`) name instead: glslang does not know the extension.
    public static let macro = "VIRGLGL_ARB_shading_language_include"

    /// Deepest nesting of included strings: a string that includes itself without a guard fails here.
    public static let maxDepth = 32

    /// Whether `path` is a valid pathname (Appendix A): not empty, no "//", no trailing '/' (a search path may
    /// end with one: `searchPath`), only GLSL's source characters (no '"', '<', '>', '\'', '\\', '`', '@', '$',
    /// and no white space but the space).
    public static func isValidPath(_ path: String, searchPath: Bool = false) -> Bool {
        guard !path.isEmpty, !path.contains("//") else { return false }
        if path.hasSuffix("/") && !searchPath { return false }  // a search path may end with '/' ("/" itself too)
        return path.utf8.allSatisfy { c in
            switch c {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): return true
            default: return Array("_ .+-/*%[](){}^|&~=!:;,?#".utf8).contains(c)
            }
        }
    }

    /// The tree location `path` walks to from `base` (a tree location such as "/" or "/a/b"), as "/" followed
    /// by its tokens; a path beginning with '/' starts at the root.
    public static func treeLocation(_ path: String, from base: String = "/") -> String {
        var tokens = path.hasPrefix("/") ? [] : base.split(separator: "/").map(String.init)
        for token in path.split(separator: "/") {
            switch token {
            case ".": continue
            case "..": if !tokens.isEmpty { tokens.removeLast() }
            default: tokens.append(String(token))
            }
        }
        return "/" + tokens.joined(separator: "/")
    }

    /// Whether `source` enables the extension (`#extension GL_ARB_shading_language_include : enable|require|warn`).
    public static func enablesIncludes(_ source: String) -> Bool {
        source.split(separator: "\n", omittingEmptySubsequences: false).contains { line in
            guard let d = directive(line), d.name == "extension" else { return false }
            let parts = d.rest.split(separator: ":").map { $0.trimmingCharacters(in: .whitespaces) }
            return parts.count == 2 && parts[0] == extensionName && parts[1] != "disable"
        }
    }

    /// Expands the `#include`s of `source` (a shader that enables the extension; the source is returned as it is
    /// otherwise), with `searchPaths` (glCompileShaderIncludeARB's, valid and beginning with '/') and `lookup`
    /// answering for a tree location. The extension's `#extension` line becomes `#define` of `macro` (glslang does
    /// not know the extension). Fails with a compiler log line for a path that is invalid or does not resolve.
    public static func expand(_ source: String, searchPaths: [String], lookup: (String) -> Entry) -> Result<String, ShaderError> {
        guard enablesIncludes(source) else { return .success(source) }
        return withoutActuallyEscaping(lookup) { lookup in
            var state = State(searchPaths: searchPaths.map { treeLocation($0) }, lookup: lookup)
            return state.expand(source, includedAt: String?.none, depth: 0).map { $0.joined(separator: "\n") }
        }
    }

    /// A preprocessor directive's name and the rest of its line, or nil for a line that is not a directive.
    static func directive(_ line: Substring) -> (name: String, rest: String)? {
        let t = line.drop { $0 == " " || $0 == "\t" }
        guard t.first == "#" else { return nil }
        let body = t.dropFirst().drop { $0 == " " || $0 == "\t" }
        let name = body.prefix { $0.isLetter }
        return (String(name), String(body.dropFirst(name.count)).trimmingCharacters(in: .whitespaces))
    }

    /// The walk over one string and the strings it includes.
    struct State {
        let searchPaths: [String]
        let lookup: (String) -> Entry
        /// Names `#define`d so far (for include guards), in every string.
        var defined: Set<String> = []
        /// Open conditional blocks: whether each is known active (nil: an `#if` not evaluated).
        var conditions: [Bool?] = []

        /// Whether the lines here are known inactive.
        var inactive: Bool { conditions.contains(false) }

        /// The lines of `text` with its `#include`s replaced by the included strings' lines; `includedAt` is the
        /// tree location of `text` when it is an included string.
        mutating func expand(_ text: String, includedAt: String?, depth: Int) -> Result<[String], ShaderError> {
            var out: [String] = []
            for (k, original) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                var line = original
                if let d = directive(line), d.name == "extension" {
                    // The extension's own line: its macro instead (a shader may not define GL_ names).
                    let name = d.rest.split(separator: ":").first.map { $0.trimmingCharacters(in: .whitespaces) }
                    if name == extensionName {
                        out.append("#define \(GLSLIncludeExpansion.macro) 1")
                        defined.insert(GLSLIncludeExpansion.macro)
                        continue
                    }
                } else if line.contains(extensionName) {
                    line = Substring(line.replacingOccurrences(of: extensionName, with: GLSLIncludeExpansion.macro))
                }
                guard let d = directive(line) else { out.append(String(line)); continue }
                let word = d.rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
                switch d.name {
                case "ifdef", "ifndef":
                    let isDefined = defined.contains(String(word))
                    // Names glslang predefines (GL_…, __VERSION__…) are not tracked: unknown.
                    let known = !word.hasPrefix("GL_") && !word.hasPrefix("__")
                    conditions.append(known ? (d.name == "ifdef") == isDefined : nil)
                case "if": conditions.append(nil)
                case "elif": if !conditions.isEmpty { conditions[conditions.count - 1] = nil }
                case "else": if let last = conditions.last, let known = last { conditions[conditions.count - 1] = !known }
                case "endif": if !conditions.isEmpty { conditions.removeLast() }
                case "define": if !inactive { defined.insert(String(word)) }
                case "undef": if !inactive { defined.remove(String(word)) }
                case "include" where !inactive:
                    let known = !conditions.contains { $0 == nil }
                    switch resolve(d.rest, includedAt: includedAt) {
                    case .failure(let failure):
                        guard known else { break }  // maybe inactive: glslang decides
                        return .failure(ShaderError("ERROR: \(includedAt ?? "0"):\(k + 1): '#include' : \(failure.message)\n"))
                    case .success(let (location, string)):
                        guard depth < GLSLIncludeExpansion.maxDepth else {
                            return .failure(ShaderError("ERROR: 0:\(k + 1): '#include' : included strings nest deeper than \(GLSLIncludeExpansion.maxDepth)\n"))
                        }
                        switch expand(string, includedAt: location, depth: depth + 1) {
                        case .failure(let e): return .failure(e)
                        case .success(let lines): out += lines; continue
                        }
                    }
                default: break
                }
                out.append(String(line))
            }
            return .success(out)
        }

        /// The tree location and string an `#include` argument (`"path"` or `<path>`) names, or why it names none.
        func resolve(_ argument: String, includedAt: String?) -> Result<(String, String), IncludeFailure> {
            let quoted = argument.first == "\""
            guard argument.count >= 2, let close = argument.dropFirst().firstIndex(of: quoted ? "\"" : ">"),
                  argument.first == "\"" || argument.first == "<" else {
                return .failure(IncludeFailure("expected \"path\" or <path>"))
            }
            let path = String(argument[argument.index(after: argument.startIndex)..<close])
            guard GLSLIncludeExpansion.isValidPath(path) else { return .failure(IncludeFailure("invalid path \"\(path)\"")) }
            var bases = path.hasPrefix("/") ? ["/"] : searchPaths
            // "…" in an included string: first where that string was found (its parent location).
            if !path.hasPrefix("/"), quoted, let includedAt { bases.insert(GLSLIncludeExpansion.treeLocation("..", from: includedAt), at: 0) }
            for base in bases {
                let location = GLSLIncludeExpansion.treeLocation(path, from: base)
                switch lookup(location) {
                case .string(let s): return .success((location, s))
                case .location: return .failure(IncludeFailure("no string is associated with \(location)"))
                case .absent: continue
                }
            }
            return .failure(IncludeFailure("no named string \"\(path)\"" + (path.hasPrefix("/") || !searchPaths.isEmpty ? "" : " (no search paths)")))
        }
    }

    /// Why an `#include` names no string.
    struct IncludeFailure: Error {
        let message: String
        init(_ message: String) { self.message = message }
    }
}
