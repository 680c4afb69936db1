using System;

public class Legacy
{
    // expect-pattern: documentation/doc-comment
    /// <summary>
    /// Old entry point.
    /// </summary>
    [Obsolete("Use Run")] // expect-pattern: documentation/deprecated-marker
    public void Start() { }
}
