namespace PalmKey.Server.Capture;

/// <summary>Why a capture was refused, and which frame.</summary>
/// <param name="Verdict">The kind of problem.</param>
/// <param name="FrameIndex">The first frame with the problem, from 0.</param>
/// <param name="Message">What is wrong, for the device to show; it never echoes image data.</param>
internal sealed record CaptureRejection(FrameVerdict Verdict, int FrameIndex, string Message);
