/** The app shell; the screens arrive with the window items. */
export function App() {
  return (
    <main>
      <h1>FOTA Desk</h1>
      <p>Keep your Samsung fleet on approved firmware with Knox E-FOTA.</p>
    </main>
  );
}
