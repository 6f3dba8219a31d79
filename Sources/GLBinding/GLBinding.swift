import GLCore

/// A Swift binding of GL 4.6 (core and compatibility): one function pointer per command, filled from any
/// `getProcAddress` (VirglGL's own, or Mesa's `eglGetProcAddress`).
///
/// The generated extensions (`generated/GLBinding+Commands*.swift`) give one typed method per command, named
/// as in C, so scene code reads like C and runs unchanged on every driver:
///
///     let gl = GLBinding { name in eglGetProcAddress(name).map { unsafeBitCast($0, to: UnsafeRawPointer.self) } }
///     gl.glClearColor(0, 0, 1, 1)
///     gl.glClear(GL_COLOR_BUFFER_BIT)
public struct GLBinding {
    /// The address of each command, indexed by `GLCommand.rawValue`; nil where `getProcAddress` found none.
    public let addresses: [UnsafeRawPointer?]

    /// Loads every GL 4.6 command through `getProcAddress`.
    public init(getProcAddress: (String) -> UnsafeRawPointer?) {
        addresses = GLCommand.allCases.map { getProcAddress($0.name) }
    }

    /// True when `command` was found.
    public func has(_ command: GLCommand) -> Bool { addresses[command.rawValue] != nil }

    /// The commands `getProcAddress` found.
    public var loaded: [GLCommand] { GLCommand.allCases.filter(has) }

    /// The commands `getProcAddress` did not find.
    public var missing: [GLCommand] { GLCommand.allCases.filter { !has($0) } }

    /// The address of `command`. Calling a command the driver does not provide is a programming error of the
    /// caller (check `has(_:)` first), reported with the command's name rather than a null call.
    @usableFromInline func entry(_ command: GLCommand) -> UnsafeRawPointer {
        guard let address = addresses[command.rawValue] else {
            fatalError("GLBinding: \(command.name) was not found by getProcAddress; check has(.\(command.name)) first")
        }
        return address
    }
}
