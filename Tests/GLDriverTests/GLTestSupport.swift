import GLCore
@testable import GLDriver
import XCTest

/// What the C-entry-point tests share: a current context, a framebuffer object to draw into (a surfaceless
/// context has no default framebuffer), and shaders compiled from source.

/// A GL 3.3 context of `profile`, made current on the calling thread.
func makeCurrentContext(_ profile: GLContextAttributes.Profile = .core) -> GLContext {
    let context = GLContext(attributes: GLContextAttributes(major: 3, minor: 3, profile: profile))
    GLContext.makeCurrent(context)
    return context
}

/// Binds a new framebuffer object with a `width`×`height` RGBA8 renderbuffer as colour attachment 0 and sets
/// the viewport to it. Returns the framebuffer's name.
@discardableResult
func bindColorFramebuffer(width: GLsizei, height: GLsizei) -> GLuint {
    var fbo: GLuint = 0, rb: GLuint = 0
    glGenFramebuffers(1, &fbo)
    glBindFramebuffer(GL_FRAMEBUFFER, fbo)
    glGenRenderbuffers(1, &rb)
    glBindRenderbuffer(GL_RENDERBUFFER, rb)
    glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, width, height)
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, rb)
    glViewport(0, 0, width, height)
    return fbo
}

/// A shader of `type` compiled from `source`.
func compileShader(_ type: GLenum, _ source: String) -> GLuint {
    let s = glCreateShader(type)
    source.withCString { p in
        var ptr: UnsafePointer<GLchar>? = p
        glShaderSource(s, 1, &ptr, nil)
    }
    glCompileShader(s)
    return s
}

/// A vertex shader without inputs whose three vertices (glDrawArrays(GL_TRIANGLES, 0, 3)) cover the viewport.
let fullViewportTriangleVS = """
    #version 330 core
    void main() { gl_Position = vec4(vec2(gl_VertexID == 1 ? 3.0 : -1.0, gl_VertexID == 2 ? 3.0 : -1.0), 0.0, 1.0); }
    """

/// A program of `stages` (shader type, source), asserting that each compiles and that it links.
func linkedProgram(_ stages: [(GLenum, String)], file: StaticString = #filePath, line: UInt = #line) -> GLuint {
    let p = glCreateProgram()
    for (type, source) in stages {
        let s = compileShader(type, source)
        var ok: GLint = 0
        glGetShaderiv(s, GL_COMPILE_STATUS, &ok)
        XCTAssertEqual(ok, 1, "\(GLEnumNames.describe(type)) does not compile", file: file, line: line)
        glAttachShader(p, s)
    }
    glLinkProgram(p)
    var ok: GLint = 0
    glGetProgramiv(p, GL_LINK_STATUS, &ok)
    if ok != 1 {
        var log = [GLchar](repeating: 0, count: 4096)
        glGetProgramInfoLog(p, 4096, nil, &log)
        XCTFail("the program does not link: \(String(cString: log))", file: file, line: line)
    }
    return p
}
