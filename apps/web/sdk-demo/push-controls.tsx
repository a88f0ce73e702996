import { createDevice, type Device, deleteDevice, registerPush, setFollows } from "@buzz/client-sdk/push";
import { useState } from "react";

const DEVICE_KEY = "buzz-demo:device";
const storedDevice = (): Device | null => JSON.parse(localStorage.getItem(DEVICE_KEY) ?? "null");

/** Push when the page is closed: register the device once, subscribe this browser, follow the match. */
export function PushControls({ matchId }: { matchId: string }) {
  const [message, setMessage] = useState(storedDevice() ? "This browser has a Buzz device." : "");

  async function enable() {
    try {
      let device = storedDevice();
      if (!device) {
        device = await createDevice(location.origin);
        localStorage.setItem(DEVICE_KEY, JSON.stringify(device));
      }
      await registerPush({ ...device, serviceWorkerUrl: "/sw.js" });
      await setFollows(device, { matches: [matchId] });
      setMessage("You will be notified about this match when the page is closed.");
    } catch (err) {
      setMessage(`Push is not available: ${(err as Error).message}`);
    }
  }

  async function forget() {
    const device = storedDevice();
    if (!device) return;
    try {
      await deleteDevice(device);
      localStorage.removeItem(DEVICE_KEY);
      setMessage("Device deleted: Buzz no longer knows this browser.");
    } catch (err) {
      setMessage(`Could not delete the device: ${(err as Error).message}`);
    }
  }

  return (
    <p>
      <button type="button" onClick={enable}>
        Notify me about this match
      </button>
      <button type="button" onClick={forget}>
        Forget this device
      </button>
      <span data-testid="push-message">{message}</span>
    </p>
  );
}
