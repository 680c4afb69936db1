using System;

public class Legacy
{
    /// <summary> expect-pattern: documentation/doc-comment
    /// Old entry point. expect-no-pattern: documentation/doc-comment
    /// </summary>
    [Obsolete("Use Run")] // expect-pattern: documentation/deprecated-marker
    public void Start() { }
}
